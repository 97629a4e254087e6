import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import type { ClockSample } from "./clock.ts";
import type { HostEventName } from "./emitter.ts";
import type { Lang } from "./i18n.ts";
import type { UiState } from "./view.ts";

/**
 * What the on-demand parts of the widget may use of the running session: who is signed in,
 * the server's time, the data, and the ways to re-render, re-sync and tell the host.
 */
export interface FeatureHost {
  base: string;
  publishableKey: string;
  /** Set by the push stream while it is connected: the session then revalidates rarely. */
  streaming: boolean;
  /** The current user token; empty when there is none to use (a plain token expired). */
  userToken(): string;
  /** Identifies the signed-in user for per-user browser storage; null when unknown. */
  userKey(): string | null;
  now(): number;
  learn(sample: ClockSample | null): void;
  data(): BootstrapResponse | null;
  /** Changes the user's preferences in this page (and its last-known copy), and re-renders. */
  setPreferences(patch: Partial<BootstrapResponse["preferences"]>): void;
  lang(): Lang;
  ui: UiState;
  /** Per-user state of the on-demand parts; emptied when the user changes. */
  store: Record<string, unknown>;
  render(): void;
  /** Re-reads the bootstrap now (cheap: a 304 when nothing changed). */
  sync(): void;
  emit(name: HostEventName, payload: unknown): void;
  /** Adds a part's styles to the shadow root (constructed sheets: allowed under a strict CSP). */
  addStyles(css: string): void;
}

/** A part's slot in `store`, created on first use. */
export function stateOf<T>(host: FeatureHost, key: string, create: () => T): T {
  if (!(key in host.store)) host.store[key] = create();
  return host.store[key] as T;
}
