/**
 * The state machine of an entitlement over time, on epoch milliseconds only — no luxon,
 * no zod — so the widget can import it and flip the display at the exact boundary.
 */
export type EntitlementState = "active" | "expiring" | "grace" | "locked";
export type LockMode = "soft" | "read_only" | "hard";

export const ENTITLEMENT_STATES: readonly EntitlementState[] = ["active", "expiring", "grace", "locked"];
export const LOCK_MODES: readonly LockMode[] = ["soft", "read_only", "hard"];

/** The three instants that divide an entitlement's life; `expiringFrom ≤ accessEndsAt ≤ graceEndsAt`. */
export interface Timeline {
  expiringFrom: number;
  accessEndsAt: number;
  graceEndsAt: number;
}

/** The state at `now`: each interval is closed at its start and open at its end. */
export function stateAt(timeline: Timeline, now: number): EntitlementState {
  if (now >= timeline.graceEndsAt) return "locked";
  if (now >= timeline.accessEndsAt) return "grace";
  if (now >= timeline.expiringFrom) return "expiring";
  return "active";
}

/** The first instant after `now` at which `stateAt` answers differently, or null once locked. */
export function nextChangeAt(timeline: Timeline, now: number): number | null {
  const current = stateAt(timeline, now);
  for (const boundary of [timeline.expiringFrom, timeline.accessEndsAt, timeline.graceEndsAt]) {
    if (boundary > now && stateAt(timeline, boundary) !== current) return boundary;
  }
  return null;
}

/** Whether the host app must refuse writes: in a read-only lock, and in a hard lock (which also blocks reads). */
export function isReadOnly(state: EntitlementState, lockMode: LockMode): boolean {
  return state === "locked" && lockMode !== "soft";
}

/** Whether the host app should hide its data: only in a hard lock. */
export function isBlocked(state: EntitlementState, lockMode: LockMode): boolean {
  return state === "locked" && lockMode === "hard";
}
