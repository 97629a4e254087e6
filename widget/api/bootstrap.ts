import type { BootstrapRequest, BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import type { ClockSample } from "../lib/clock.ts";
import { BOOTSTRAP_PATH } from "../lib/handoff.ts";
import type { TimedResponse } from "../lib/handoff.ts";
import { timedPost } from "./http.ts";

export type BootstrapResult =
  | { kind: "ok"; data: BootstrapResponse; sample: ClockSample | null }
  | { kind: "not-modified"; sample: ClockSample | null }
  | { kind: "failed"; status: number | null; sample: ClockSample | null; error?: WidgetError };

/** The server's reason for a refusal (`{"error":{"code","message"}}`), as the host's `error` handlers get it. */
export interface WidgetError {
  code: string;
  message: string;
}

/** Give up on a silent server after this long: the widget then fails open. */
export const REQUEST_TIMEOUT_MS = 10_000;

/** Every widget response carries the server's clock; a 304 has no body, so the header is the source. */
export function sampleOf(timed: TimedResponse, bodyNow?: number): ClockSample | null {
  const header = Number(timed.res.headers.get("X-Tenure-Now"));
  const serverNow = header > 0 ? header : bodyNow;
  return serverNow && serverNow > 0 ? { serverNow, t0: timed.t0, t1: timed.t1 } : null;
}

/** Starts a bootstrap request (with the cached etag, so an unchanged answer is a bodiless 304). */
export function requestBootstrap(base: string, body: BootstrapRequest): Promise<TimedResponse | null> {
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), REQUEST_TIMEOUT_MS);
  return timedPost(base + BOOTSTRAP_PATH, body, abort.signal).finally(() => clearTimeout(timer));
}

/** Resolves null after `ms` if `promise` has not settled — for the loader's request, which has no timeout. */
export function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | null> {
  return Promise.race([promise.catch(() => null), new Promise<null>((resolve) => setTimeout(resolve, ms, null))]);
}

/** Reads a bootstrap response; anything unexpected is a failure, never an exception. */
export async function readBootstrap(timed: TimedResponse | null): Promise<BootstrapResult> {
  if (!timed) return { kind: "failed", status: null, sample: null };
  const { res } = timed;
  if (res.status === 304) return { kind: "not-modified", sample: sampleOf(timed) };
  if (!res.ok) {
    // The one error shape: `{"error":{"code","message","requestId"}}`; the host gets code and message.
    const error = ((await res.json().catch(() => null)) as { error?: WidgetError } | null)?.error;
    return { kind: "failed", status: res.status, sample: sampleOf(timed), error: error && { code: error.code, message: error.message } };
  }
  try {
    const data = (await res.json()) as BootstrapResponse;
    if (!data || typeof data.entitlement?.accessEndsAt !== "number") return { kind: "failed", status: res.status, sample: null };
    return { kind: "ok", data, sample: sampleOf(timed, data.serverNow) };
  } catch {
    return { kind: "failed", status: res.status, sample: null };
  }
}
