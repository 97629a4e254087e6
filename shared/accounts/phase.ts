import { plusCalendarDays } from "../time/local-day.ts";

/**
 * Where an account is in its life since go-live (seeds 001, 004): the first 30 days are
 * adaptation, up to day 90 habit forming, then established. Boundaries are calendar days
 * in the account's zone, so they fall at local midnight.
 */
export type Phase = "adaptation" | "habit" | "established";

export const ADAPTATION_DAYS = 30;
export const HABIT_DAYS = 90;

export interface PhaseInfo {
  phase: Phase;
  goLiveAt: number;
  /** When the next phase starts, or null once established. */
  nextPhaseAt: number | null;
}

/** The phase at `now`. Before go-live an account is already adapting (onboarding has begun). */
export function accountPhase(goLiveAt: number, now: number, zone: string): PhaseInfo {
  const habitFrom = plusCalendarDays(goLiveAt, ADAPTATION_DAYS, zone);
  const establishedFrom = plusCalendarDays(goLiveAt, HABIT_DAYS, zone);
  if (now < habitFrom) return { phase: "adaptation", goLiveAt, nextPhaseAt: habitFrom };
  if (now < establishedFrom) return { phase: "habit", goLiveAt, nextPhaseAt: establishedFrom };
  return { phase: "established", goLiveAt, nextPhaseAt: null };
}
