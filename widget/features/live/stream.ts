/**
 * Server push for an open widget: one streaming POST to `/v1/widget/stream` (CORS-simple,
 * `text/plain` body, so the token never sits in a URL). Each `ready` or `change` line makes
 * the session revalidate its bootstrap (a bodiless 304 when nothing it shows changed), so a
 * grant, a contract change, a renewal or a checklist step reaches the page within a second or two. While the
 * stream is down the session revalidates once a minute; reconnects back off on failures. A
 * hidden tab lets its stream go (browsers allow few connections per host) and reconnects,
 * and revalidates, when seen again.
 */
import type { FeatureHost } from "../../lib/feature-host.ts";
import { expiresAt } from "../../lib/token.ts";

const MAX_BACKOFF_MS = 5 * 60_000;

export function startStream(host: FeatureHost): () => void {
  let stopped = false;
  let abort: AbortController | null = null;
  let retry: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  function seen(): boolean {
    return document.visibilityState !== "hidden";
  }

  async function connect(): Promise<void> {
    clearTimeout(retry);
    if (stopped || abort || !seen()) return;
    const userToken = host.userToken();
    const exp = expiresAt(userToken);
    // An expired token would only be refused: the session knows whether a fresh one is coming.
    if (!userToken || (exp !== null && exp - 5000 <= host.now())) return void (retry = setTimeout(connect, 30_000));
    const controller = (abort = new AbortController());
    const since = performance.now();
    let opened = false;
    try {
      const res = await fetch(host.base + "/v1/widget/stream", {
        method: "POST",
        headers: { "Content-Type": "text/plain" },
        body: JSON.stringify({ publishableKey: host.publishableKey, userToken }),
        credentials: "omit",
        signal: controller.signal,
      });
      if (!res.ok || !res.body) return;
      const reader = res.body.getReader();
      const decoder = new TextDecoder();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let at: number;
        while ((at = buffer.indexOf("\n")) >= 0) {
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 1);
          if (line === "ready") (opened = true), (host.streaming = true);
          if (line === "ready" || line === "change") host.sync();
          // The checklist is read apart from the bootstrap: a step done elsewhere (another user, the vendor's server) ticks here too.
          if (line === "change") (host.store.checklist as { refresh?: () => void } | undefined)?.refresh?.();
        }
      }
    } catch {
      // Dropped or refused: reconnect below.
    } finally {
      host.streaming = false;
      if (abort === controller) abort = null;
    }
    if (stopped) return;
    // A stream that served a while and ended (token expiry, server restart) reconnects at once; failures back off.
    const served = opened && performance.now() - since > 10_000;
    if (served) failures = 0;
    retry = setTimeout(connect, served ? 0 : Math.min(1000 * 2 ** failures++, MAX_BACKOFF_MS));
  }

  function onVisibility(): void {
    if (seen()) void connect();
    else abort?.abort();
  }

  document.addEventListener("visibilitychange", onVisibility);
  void connect();
  return () => {
    stopped = true;
    clearTimeout(retry);
    abort?.abort();
    host.streaming = false;
    document.removeEventListener("visibilitychange", onVisibility);
  };
}
