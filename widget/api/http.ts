import type { TimedResponse } from "../lib/handoff.ts";

/**
 * POSTs JSON as `text/plain` — a CORS "simple request", so no preflight round trip — and
 * records the monotonic send and receive times so the caller can learn the server clock.
 * Resolves null when Tenure cannot be reached: callers fail open.
 */
export function timedPost(url: string, body: unknown, signal?: AbortSignal): Promise<TimedResponse | null> {
  const t0 = performance.now();
  return fetch(url, {
    method: "POST",
    headers: { "Content-Type": "text/plain" },
    body: JSON.stringify(body),
    credentials: "omit",
    signal,
  }).then(
    (res) => ({ res, t0, t1: performance.now() }),
    () => null,
  );
}
