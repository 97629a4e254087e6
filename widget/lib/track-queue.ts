/**
 * Usage signals from `Tenure('track', name, props)`, kept in memory with an id and a time.
 * Sending them is a later issue; the queue is bounded so a chatty host cannot grow it forever.
 */

export interface TrackedEvent {
  id: string;
  name: string;
  properties: Record<string, unknown>;
  /** Epoch ms on the server's clock when known (see `Clock`). */
  timestamp: number;
}

export const TRACK_QUEUE_LIMIT = 500;

const queue: TrackedEvent[] = [];

function newId(): string {
  if (typeof crypto.randomUUID === "function") return crypto.randomUUID();
  // Insecure contexts have no randomUUID; 16 random bytes in hex serve as well.
  return Array.from(crypto.getRandomValues(new Uint8Array(16)), (b) => b.toString(16).padStart(2, "0")).join("");
}

/** Accepts an event; returns it, or null when the name is not a non-empty string. */
export function enqueueTrack(name: unknown, properties: unknown, now: number): TrackedEvent | null {
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return null;
  const props = properties && typeof properties === "object" && !Array.isArray(properties) ? { ...(properties as Record<string, unknown>) } : {};
  const event: TrackedEvent = { id: newId(), name, properties: props, timestamp: now };
  queue.push(event);
  if (queue.length > TRACK_QUEUE_LIMIT) queue.splice(0, queue.length - TRACK_QUEUE_LIMIT);
  return event;
}

/** The events waiting to be sent, oldest first. */
export function pendingTracks(): readonly TrackedEvent[] {
  return queue;
}

/** Empties the queue (logout, or once sent) and returns what it held. */
export function drainTracks(): TrackedEvent[] {
  return queue.splice(0, queue.length);
}
