/** What `Tenure('on', 'state', fn)` reports: the account's state and what the host should do. */
export interface TenureState {
  state: "active" | "expiring" | "grace" | "locked";
  lockMode: "soft" | "read_only" | "hard";
  /** True in `read_only` and `hard` locks: the host refuses writes. */
  readOnly: boolean;
  /** True only in a `hard` lock: the host hides its data. */
  blocked?: boolean;
}

/** What `Tenure('on', 'error', fn)` reports: the server's reason. */
export interface TenureError {
  code: string;
  message: string;
}

/** Events the widget emits to the host page, with their payloads. */
export interface TenureEvents {
  ready: Record<string, never>;
  state: TenureState;
  error: TenureError;
  renewal: { action: string; [key: string]: unknown };
  /** Feature flags by key, once the account's plan has features. */
  features: Record<string, unknown>;
  entitlement: Record<string, unknown>;
}

export type TenureEventName = keyof TenureEvents;

/** A user token, or a function that returns one (called again before the token expires). */
export type UserTokenSource = string | (() => string | Promise<string>);

export interface TenureInitOptions {
  publishableKey: string;
  userToken: string;
  locale?: string;
}

/** The panels `open` can show. */
export type TenurePanel = "renew" | "seats" | "checklist" | (string & {});

/** The `window.Tenure` function the script tag defines (the snippet's queue, then the loader). */
export interface TenureGlobal {
  (command: "init", options: TenureInitOptions): void;
  <E extends TenureEventName>(command: "on", event: E, handler: (payload: TenureEvents[E]) => void): void;
  <E extends TenureEventName>(command: "off", event: E, handler?: (payload: TenureEvents[E]) => void): void;
  (command: "track", name: string, properties?: Record<string, unknown>): void;
  (command: "identify", userToken: string): void;
  (command: "open", panel: TenurePanel): void;
  (command: "shutdown"): void;
  /** Calls queued before the loader ran. */
  q?: ArrayLike<unknown>[];
}

declare global {
  interface Window {
    Tenure?: TenureGlobal;
  }
}
