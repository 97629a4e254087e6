import type { WidgetEventsResponse } from "../../../shared/checklists/wire.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { onTracked, pendingTracks, removeTracks } from "../../lib/track-queue.ts";
import { newId } from "./ids.ts";
import { postWidget } from "../api.ts";
import { beaconBodies, refusal, toWire } from "./wire.ts";
import type { WireEvent } from "./wire.ts";
import { attempt } from "../../lib/attempt.ts";

/** Send tracked events this often; sooner while someone watches the checklist. */
export const FLUSH_MS = 10_000;
export const WATCHED_FLUSH_MS = 1_000;
const BATCH = 200;
/** Under the 64 KB a beacon may carry, with room for the key and token. */
const BEACON_CHARS = 60_000;
const MAX_BACKOFF_MS = 5 * 60_000;

export interface UsageHooks {
  /** Someone is watching (the checklist is open): send events within a second. */
  watched(): boolean;
  /** A batch was stored; `completed` steps of a checklist were completed by it. */
  flushed(completed: number): void;
}

/**
 * Delivers `Tenure('track', …)` events to `POST /v1/widget/events`: in batches on an
 * interval, and by `navigator.sendBeacon` when the page is hidden or left. A failed batch
 * stays queued and is sent again with the same ids (the server stores an id once), backing
 * off while Tenure is unreachable. A `session` signal goes out by itself once per page
 * session (per tab, per user).
 */
export function startUsage(host: FeatureHost, hooks: UsageHooks): () => void {
  let inFlight = false;
  let failures = 0;
  let retryAt = 0;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let session = sessionSignal(host);
  const timer = setInterval(() => void flush(), FLUSH_MS);
  const url = `${host.base}/v1/widget/events`;

  /** Gives new events their ids, and drops those the server would refuse. */
  function dropRefused(): void {
    const refused = new Set<string>();
    for (const event of pendingTracks()) {
      event.id ||= newId();
      const why = refusal(event);
      if (why) refused.add(event.id), console.warn(`[Tenure] track("${event.name.slice(0, 60)}") was dropped: ${why}`);
    }
    if (refused.size) removeTracks(refused);
  }

  async function send(events: WireEvent[]): Promise<WidgetEventsResponse | "refused" | null> {
    const answer = await postWidget<WidgetEventsResponse>(host, "/events", { events });
    if (answer.status === 202) return answer.body ?? { accepted: 0, duplicates: 0, completedSteps: [] };
    // A batch the server will never take (bad input, too large): retrying cannot help.
    return answer.status === 400 || answer.status === 413 || answer.status === 422 ? "refused" : null;
  }

  /** Never throws: it runs from timers and page events. */
  async function flush(): Promise<void> {
    try {
      await flushNow();
    } catch (error) {
      inFlight = false;
      console.error("[Tenure]", error);
    }
  }

  async function flushNow(): Promise<void> {
    if (inFlight || performance.now() < retryAt) return;
    dropRefused();
    const alone = session ? [session] : null;
    const batch = alone ?? pendingTracks().slice(0, BATCH).map(toWire);
    if (batch.length === 0) return;
    inFlight = true;
    const result = await send(batch).catch(() => null);
    inFlight = false;
    if (result === null) {
      failures++;
      retryAt = performance.now() + Math.min(FLUSH_MS * 2 ** failures, MAX_BACKOFF_MS);
      return;
    }
    failures = 0;
    retryAt = 0;
    if (alone) (session = null), markSessionSent(host, alone[0]!);
    else removeTracks(new Set(batch.map((e) => e.id)));
    if (result === "refused") console.warn("[Tenure] Tenure refused a batch of tracked events; they were dropped");
    else hooks.flushed(result.completedSteps.length);
    if (session || pendingTracks().length > 0) schedule(0);
  }

  function schedule(delay: number): void {
    clearTimeout(soon);
    soon = setTimeout(() => void flush(), delay);
  }

  /** The page is going away (or may never come back): hand everything to the browser to deliver. */
  function beacon(): void {
    attempt(beaconNow);
  }

  function beaconNow(): void {
    if (typeof navigator.sendBeacon !== "function") return;
    dropRefused();
    const events = [...(session ? [session] : []), ...pendingTracks().map(toWire)];
    const delivered = new Set<string>();
    for (const { body, ids } of beaconBodies(events, { publishableKey: host.publishableKey, userToken: host.userToken() }, BEACON_CHARS)) {
      // A string body goes as text/plain: no preflight, which a beacon could not wait for.
      if (navigator.sendBeacon(url, body)) for (const id of ids) delivered.add(id);
    }
    if (session && delivered.has(session.id)) markSessionSent(host, session), (session = null);
    removeTracks(delivered);
  }

  const onVisibility = (): void => void (document.visibilityState === "hidden" && beacon());
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("pagehide", beacon);
  onTracked(() => hooks.watched() && schedule(WATCHED_FLUSH_MS));
  void flush();

  return () => {
    clearInterval(timer);
    clearTimeout(soon);
    onTracked(null);
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("pagehide", beacon);
    // Signing out or switching user: what this user did still counts.
    beacon();
  };
}

function sessionKey(host: FeatureHost): string | null {
  const user = host.userKey();
  return user ? "tenure:session:" + user : null;
}

/**
 * The `session` signal for this page session, or null when this tab already delivered it for
 * this user. It is remembered before it is sent, so a reload mid-flight sends the same id
 * again (stored once) rather than counting a second session.
 */
function sessionSignal(host: FeatureHost): WireEvent | null {
  const key = sessionKey(host);
  try {
    const known = key ? (JSON.parse(sessionStorage.getItem(key) ?? "null") as { event?: WireEvent; sent?: boolean } | null) : null;
    if (known?.sent) return null;
    if (known?.event && typeof known.event.id === "string") return known.event;
  } catch {
    // No storage (or garbage in it): one signal per page load instead.
  }
  const event = toWire({ id: newId(), name: "session", properties: {}, timestamp: host.now() });
  remember(key, { event, sent: false });
  return event;
}

function markSessionSent(host: FeatureHost, event: WireEvent): void {
  remember(sessionKey(host), { event, sent: true });
}

function remember(key: string | null, value: unknown): void {
  try {
    if (key) sessionStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Not remembered: at worst a second signal in this tab, which counts as one more session.
  }
}
