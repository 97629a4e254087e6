import { plusCalendarDays } from "../time/local-day.ts";

/**
 * The reminder timeline before a contract ends (seed 003): not one email but milestones,
 * different per segment. High-touch accounts get CSM tasks from 90 days out; tech-touch
 * accounts get in-app notices (and a webhook) from 30 days out, the last one on the last day.
 * A milestone `days` before the end falls at the same local time `days` calendar days earlier
 * in the account's zone — for a contract end at local midnight, at local midnight.
 */
export type Segment = "high_touch" | "tech_touch";

export interface MilestoneSpec {
  days: number;
  /** An in-app notice for the account's users, besides the webhook every milestone sends. */
  inApp: boolean;
}

export interface Milestone extends MilestoneSpec {
  at: number;
}

export const REMINDER_SCHEDULES: Record<Segment, readonly MilestoneSpec[]> = {
  high_touch: [
    { days: 90, inApp: false },
    { days: 60, inApp: false },
    { days: 30, inApp: false },
  ],
  tech_touch: [
    { days: 30, inApp: true },
    { days: 15, inApp: true },
    { days: 7, inApp: true },
    { days: 1, inApp: true },
  ],
};

/** The webhook type a segment's milestones send. */
export function reminderWebhookType(segment: Segment): string {
  return segment === "high_touch" ? "reminder.csm_task" : "reminder.notice";
}

/** Each milestone's instant, earliest first. */
export function milestones(schedule: readonly MilestoneSpec[], contractEndsAt: number, zone: string): Milestone[] {
  return schedule
    .map((spec) => ({ ...spec, at: plusCalendarDays(contractEndsAt, -spec.days, zone) }))
    .sort((a, b) => a.at - b.at);
}

export interface ReminderPlan {
  /** The milestone to deliver now, if one is due. */
  deliver: Milestone | null;
  /** Earlier milestones not handled yet that a later one has overtaken; record, never send. */
  skip: Milestone[];
}

/**
 * What to do at `now` for a term ending at `contractEndsAt`: the latest milestone already
 * reached (and before the end) is delivered, unhandled earlier ones are skipped — a "30 days
 * left" notice sent with 20 days left would mislead. `handled` holds the `days` of milestones
 * already delivered or skipped for this term.
 */
export function planReminders(
  schedule: readonly MilestoneSpec[],
  contractEndsAt: number,
  zone: string,
  now: number,
  handled: ReadonlySet<number>,
): ReminderPlan {
  if (now >= contractEndsAt) return { deliver: null, skip: [] };
  const reached = milestones(schedule, contractEndsAt, zone).filter((milestone) => milestone.at <= now);
  const latest = reached.at(-1);
  const skip = reached.filter((milestone) => milestone !== latest && !handled.has(milestone.days));
  return { deliver: latest && !handled.has(latest.days) ? latest : null, skip };
}
