/**
 * Usage signals from `Tenure('track', name, props)`, kept in memory with an id and a time
 * until the usage part (loaded on demand) has delivered them. The queue is bounded so a
 * chatty host, or a long outage, cannot grow it forever: the oldest go first.
 */

export interface TrackedEvent {
  /** Given by the usage part when it first handles the event, then kept for every resend. */
  id: string;
  name: string;
  properties: Record<string, unknown>;
  /** Epoch ms on the server's clock when known (see `Clock`). */
  timestamp: number;
}

export const TRACK_QUEUE_LIMIT = 500;

const queue: TrackedEvent[] = [];
let listener: (() => void) | null = null;

/** Accepts an event; returns it, or null when the name is not a non-empty string. */
export function enqueueTrack(name: unknown, properties: unknown, now: number): TrackedEvent | null {
  if (typeof name !== "string" || name.length === 0 || name.length > 200) return null;
  const props = properties && typeof properties === "object" && !Array.isArray(properties) ? { ...(properties as Record<string, unknown>) } : {};
  const event: TrackedEvent = { id: "", name, properties: props, timestamp: now };
  queue.push(event);
  if (queue.length > TRACK_QUEUE_LIMIT) queue.splice(0, queue.length - TRACK_QUEUE_LIMIT);
  listener?.();
  return event;
}

/** Hears each accepted event (the usage part, to send sooner while someone watches the checklist). */
export function onTracked(fn: (() => void) | null): void {
  listener = fn;
}

/** Forgets the events the server has (by id), keeping any tracked meanwhile. */
export function removeTracks(ids: ReadonlySet<string>): void {
  for (let i = queue.length - 1; i >= 0; i--) if (ids.has(queue[i]!.id)) queue.splice(i, 1);
}

/** The events waiting to be sent, oldest first. */
export function pendingTracks(): readonly TrackedEvent[] {
  return queue;
}

/** Empties the queue (logout, or once sent) and returns what it held. */
export function drainTracks(): TrackedEvent[] {
  return queue.splice(0, queue.length);
}
