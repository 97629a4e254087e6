import { DateTime } from "luxon";

/**
 * The term that follows `current`: it starts the day after the old last day (so at the old
 * `contractEndsAt`) and runs as long in calendar terms — a year stays a year, a month a month.
 */
export function nextTermDates(current: { startDate: string; endDate: string }): { startDate: string; endDate: string } {
  const start = DateTime.fromISO(current.startDate, { zone: "utc" });
  const endExclusive = DateTime.fromISO(current.endDate, { zone: "utc" }).plus({ days: 1 });
  const length = endExclusive.diff(start, ["years", "months", "days"]).toObject();
  const nextStart = endExclusive;
  const nextEndExclusive = nextStart.plus(length);
  return { startDate: nextStart.toISODate()!, endDate: nextEndExclusive.minus({ days: 1 }).toISODate()! };
}

/** The next term's amount in minor units after an uplift, rounded half up. */
export function upliftAmount(value: number, upliftPercent: number | null): number {
  if (!upliftPercent) return value;
  return Math.round((value * (100 + upliftPercent)) / 100);
}
