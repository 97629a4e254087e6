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
  /** An in-app notice for the account's users. */
  inApp: boolean;
  /** A reminder webhook (`reminder.csm_task` or `reminder.notice`); true unless the vendor left it out. */
  webhook?: boolean;
}

/** A milestone as the vendor sets it in `reminders` (settings). */
export interface ReminderSetting {
  daysBefore: number;
  channels: Array<"in_app" | "webhook">;
}

export const MAX_MILESTONES = 12;

/** The timeline until the vendor sets one: CSM tasks at 90/60/30 days, in-app notices at 30/15/7/1. */
export const DEFAULT_REMINDERS: Record<Segment, ReminderSetting[]> = {
  high_touch: [90, 60, 30].map((daysBefore) => ({ daysBefore, channels: ["webhook"] })),
  tech_touch: [30, 15, 7, 1].map((daysBefore) => ({ daysBefore, channels: ["in_app", "webhook"] })),
};

/** The vendor's timeline as milestone specs. */
export function scheduleOf(timeline: readonly ReminderSetting[]): MilestoneSpec[] {
  return timeline.map((m) => ({ days: m.daysBefore, inApp: m.channels.includes("in_app"), webhook: m.channels.includes("webhook") }));
}

export interface Milestone extends MilestoneSpec {
  at: number;
}

/** The default timeline as specs. */
export const REMINDER_SCHEDULES: Record<Segment, readonly MilestoneSpec[]> = {
  high_touch: scheduleOf(DEFAULT_REMINDERS.high_touch),
  tech_touch: scheduleOf(DEFAULT_REMINDERS.tech_touch),
};

/** The webhook type a segment's milestones send. */
export function reminderWebhookType(segment: Segment): string {
  return segment === "high_touch" ? "reminder.csm_task" : "reminder.notice";
}

/** Each milestone's instant, earliest first. */
export function milestones(schedule: readonly MilestoneSpec[], contractEndsAt: number, zone: string): Milestone[] {
  return schedule.map((spec) => ({ ...spec, at: plusCalendarDays(contractEndsAt, -spec.days, zone) })).sort((a, b) => a.at - b.at);
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
  options: { notBefore?: number } = {},
): ReminderPlan {
  if (now >= horizon(schedule, contractEndsAt, zone)) return { deliver: null, skip: [] };
  const reached = milestones(schedule, contractEndsAt, zone).filter((milestone) => milestone.at <= now);
  const latest = reached.at(-1);
  // A timeline changed at `notBefore` never sends a milestone whose moment had already passed.
  const stale = latest !== undefined && options.notBefore !== undefined && latest.at < options.notBefore;
  const deliver = latest && !stale && !handled.has(latest.days) ? latest : null;
  const skip = reached.filter((milestone) => milestone !== deliver && !handled.has(milestone.days));
  return { deliver, skip };
}

/**
 * When the job must look at the term again: the next milestone not yet handled, or null
 * when none is left before the end.
 */
export function nextReminderAt(
  schedule: readonly MilestoneSpec[],
  contractEndsAt: number,
  zone: string,
  now: number,
  handled: ReadonlySet<number>,
): number | null {
  const end = horizon(schedule, contractEndsAt, zone);
  const next = milestones(schedule, contractEndsAt, zone).find((m) => m.at > now && m.at < end && !handled.has(m.days));
  return next ? next.at : null;
}

/** Milestones are sent before the contract ends; one set at 0 days, during the day it ends. */
function horizon(schedule: readonly MilestoneSpec[], contractEndsAt: number, zone: string): number {
  return schedule.some((m) => m.days === 0) ? plusCalendarDays(contractEndsAt, 1, zone) : contractEndsAt;
}
