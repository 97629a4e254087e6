import { sampleOf } from "../api/bootstrap.ts";
import { timedPost } from "../api/http.ts";
import type { FeatureHost } from "../lib/feature-host.ts";

export interface WidgetAnswer<T> {
  /** The HTTP status, or null when Tenure could not be reached (or took too long). */
  status: number | null;
  body: T | null;
}

const TIMEOUT_MS = 10_000;

/**
 * POSTs to a `/v1/widget/…` route as the signed-in user (`text/plain` JSON: no preflight),
 * learns the server's clock from the answer, and never throws.
 */
export async function postWidget<T>(host: FeatureHost, path: string, body: Record<string, unknown>): Promise<WidgetAnswer<T>> {
  const userToken = host.userToken();
  // No usable token (a plain one expired): the widget calls nobody.
  if (!userToken) return { status: null, body: null };
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
  try {
    const timed = await timedPost(`${host.base}/v1/widget${path}`, { publishableKey: host.publishableKey, userToken, ...body }, abort.signal);
    if (!timed) return { status: null, body: null };
    host.learn(sampleOf(timed));
    let parsed: T | null = null;
    try {
      parsed = (await timed.res.json()) as T;
    } catch {
      // A bodiless or non-JSON answer: the status says enough.
    }
    return { status: timed.res.status, body: parsed };
  } finally {
    clearTimeout(timer);
  }
}

/** An http(s) URL the widget may send the user to; anything else (javascript:, data:) is refused. */
export function safeUrl(text: unknown): string | null {
  if (typeof text !== "string") return null;
  try {
    const url = new URL(text, location.href);
    return url.protocol === "https:" || url.protocol === "http:" ? url.href : null;
  } catch {
    return null;
  }
}
