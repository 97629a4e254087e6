/**
 * `@tenure/js`: the script tag as a typed function. `loadTenure` installs the same queue the
 * snippet does, sends `init`, and adds `widget.js` once; calls made before it has loaded are
 * queued and replayed. On the server (no `window`) it does nothing and returns a client
 * whose calls do nothing, so it is safe to import while rendering.
 */
import type { TenureEventName, TenureEvents, TenureGlobal, TenurePanel, UserTokenSource } from "./types.ts";

export type * from "./types.ts";

export interface LoadTenureOptions {
  /** The loader's URL, e.g. `https://tenure.example.com/widget.js`. */
  src: string;
  publishableKey: string;
  /** A JWT minted by your backend, or a function returning one; a function is called again before `exp`. */
  userToken: UserTokenSource;
  locale?: string;
  /** The CSP nonce for the loader's `<script>`; the widget passes it on to its own scripts. */
  nonce?: string;
}

export interface TenureClient {
  on<E extends TenureEventName>(event: E, handler: (payload: TenureEvents[E]) => void): void;
  off<E extends TenureEventName>(event: E, handler?: (payload: TenureEvents[E]) => void): void;
  track(name: string, properties?: Record<string, unknown>): void;
  /** Switch to another user (a new token); the widget reloads its state. */
  identify(userToken: string): void;
  open(panel: TenurePanel): void;
  /** Logout: the widget forgets the user and removes itself; handlers stay registered. */
  shutdown(): void;
}

/** Seconds before `exp` at which a token function is asked for a fresh token. */
const REFRESH_AHEAD_SECONDS = 60;

const noop = (): void => undefined;
const serverClient: TenureClient = { on: noop, off: noop, track: noop, identify: noop, open: noop, shutdown: noop };

function tenureGlobal(w: Window): TenureGlobal {
  // The snippet's stub, verbatim in behaviour: queue every call until the loader takes over.
  if (!w.Tenure) {
    const stub = function (...args: unknown[]): void {
      (stub.q = stub.q || []).push(args);
    } as unknown as TenureGlobal;
    w.Tenure = stub;
  }
  return w.Tenure;
}

function addLoader(d: Document, src: string, nonce: string | undefined): void {
  const present = Array.from(d.scripts).some((script) => script.src === new URL(src, d.baseURI).href);
  if (present) return;
  const script = d.createElement("script");
  script.async = true;
  script.src = src;
  if (nonce) script.nonce = nonce;
  (d.head || d.documentElement).appendChild(script);
}

/** The token's `exp` in seconds, or null when it has none we can read. */
function expiryOf(token: string): number | null {
  try {
    const payload = token.split(".")[1] ?? "";
    const claims = JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) as { exp?: unknown };
    return typeof claims.exp === "number" ? claims.exp : null;
  } catch {
    return null;
  }
}

/**
 * Loads the widget and returns a typed client. Call it once per page (again after `shutdown`
 * to log a user back in).
 * @example
 * const tenure = loadTenure({ src: "https://tenure.example.com/widget.js", publishableKey: "pk_…", userToken: () => fetch("/api/tenure-token").then((r) => r.text()) });
 * tenure.on("state", (s) => setReadOnly(s.readOnly));
 */
export function loadTenure(options: LoadTenureOptions): TenureClient {
  if (typeof window === "undefined" || typeof document === "undefined") return serverClient;
  // Look the global up on every call: widget.js replaces the snippet's queue when it loads, and
  // a call sent to the old queue after that (a token that arrived late, a later `track`) is lost.
  const tenure = ((...args: unknown[]) => (tenureGlobal(window) as unknown as (...a: unknown[]) => void)(...args)) as TenureGlobal;
  tenureGlobal(window);
  let refresh: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;

  function scheduleRefresh(token: string, source: () => string | Promise<string>): void {
    const exp = expiryOf(token);
    if (exp === null) return;
    const delay = Math.max(0, (exp - REFRESH_AHEAD_SECONDS) * 1000 - Date.now());
    refresh = setTimeout(() => void fetchToken(source, "identify"), delay);
  }

  async function fetchToken(source: () => string | Promise<string>, then: "init" | "identify"): Promise<void> {
    let token: string;
    try {
      token = await source();
    } catch (error) {
      console.error("[Tenure] the userToken function failed", error);
      return;
    }
    if (stopped || typeof token !== "string") return;
    if (then === "init") tenure("init", { publishableKey: options.publishableKey, userToken: token, ...(options.locale ? { locale: options.locale } : {}) });
    else tenure("identify", token);
    scheduleRefresh(token, source);
  }

  const source = options.userToken;
  if (typeof source === "function") void fetchToken(source, "init");
  else tenure("init", { publishableKey: options.publishableKey, userToken: source, ...(options.locale ? { locale: options.locale } : {}) });
  addLoader(document, options.src, options.nonce);

  return {
    on: (event, handler) => tenure("on", event, handler),
    off: (event, handler) => tenure("off", event, handler),
    track: (name, properties) => tenure("track", name, properties),
    identify: (userToken) => tenure("identify", userToken),
    open: (panel) => tenure("open", panel),
    shutdown: () => {
      stopped = true;
      clearTimeout(refresh);
      tenure("shutdown");
    },
  };
}
