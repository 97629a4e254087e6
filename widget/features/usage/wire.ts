import type { TrackedEvent } from "../../lib/track-queue.ts";

/** One event as `POST /v1/widget/events` takes it (account and user come from the token). */
export interface WireEvent {
  id: string;
  name: string;
  properties?: Record<string, unknown>;
  timestamp: number;
}

/** Names only a vendor's backend may send; the server refuses a batch holding one. */
const SERVER_ONLY = ["ticket.opened", "ticket.resolved", "training.attended"];
const MAX_PROPERTIES_CHARS = 8 * 1024;

/**
 * Why the server would refuse this event, or null when it would take it. Checked before
 * sending, because one refused event fails its whole batch.
 */
export function refusal(event: TrackedEvent): string | null {
  const props = event.properties;
  if (/[\u0000-\u001f\u007f]/.test(event.name)) return "the name has control characters";
  if (SERVER_ONLY.includes(event.name)) return "only your server may send it";
  if (Object.keys(props).some((key) => key.length > 200)) return "a property name is longer than 200 characters";
  let json: string;
  try {
    json = JSON.stringify(props);
  } catch {
    return "its properties are not JSON";
  }
  if (json.length > MAX_PROPERTIES_CHARS) return "its properties are larger than 8 KB";
  const label = (value: unknown): boolean => typeof value === "string" && value.trim().length > 0 && value.length <= 200;
  if (event.name === "feature.used" && (!label(props.feature) || (props.module !== undefined && !label(props.module)))) {
    return "feature.used needs properties.feature (and properties.module, if given) as text";
  }
  const score = props.score;
  if (event.name === "nps.answered" && !(Number.isInteger(score) && (score as number) >= 0 && (score as number) <= 10)) {
    return "nps.answered needs properties.score, an integer 0–10";
  }
  return null;
}

export function toWire(event: TrackedEvent): WireEvent {
  const wire: WireEvent = { id: event.id, name: event.name, timestamp: Math.round(event.timestamp) };
  if (Object.keys(event.properties).length > 0) wire.properties = event.properties;
  return wire;
}

/**
 * Splits events into bodies no longer than `maxChars` (a beacon carries at most 64 KB), each
 * a complete request with the key and token. An event too large on its own is left out.
 */
export function beaconBodies(
  events: readonly WireEvent[],
  credentials: { publishableKey: string; userToken: string },
  maxChars: number,
): Array<{ body: string; ids: string[] }> {
  const head = JSON.stringify({ ...credentials, events: [] }).length;
  const bodies: Array<{ body: string; ids: string[] }> = [];
  let part: WireEvent[] = [];
  let size = head;
  const close = (): void => {
    if (part.length) bodies.push({ body: JSON.stringify({ ...credentials, events: part }), ids: part.map((e) => e.id) });
    part = [];
    size = head;
  };
  for (const event of events) {
    const length = JSON.stringify(event).length + 1;
    if (head + length > maxChars) continue;
    if (size + length > maxChars || part.length >= 500) close();
    part.push(event);
    size += length;
  }
  close();
  return bodies;
}
