import { addDays, addMonths, formatCalendarDate, localDateAt, parseCalendarDate, startOfLocalDay } from "../time/local-day.ts";
import type { CalendarDate } from "../time/local-day.ts";
import type { MeteringPeriod } from "./plan.ts";

/** A metering period: `[start, resetsAt)`, both at a local midnight (or the first instant of that day across DST). */
export interface PeriodWindow {
  start: number;
  resetsAt: number;
  /** The local calendar date `start` falls on, `YYYY-MM-DD`: daily rollups from this day count. */
  firstDay: string;
}

/**
 * The period containing `now` in the account's zone.
 * - `day`: the local day.
 * - `month`: months counted from the term's start day, clamped to short months and always
 *   from the start date itself (a term starting 31 Jan resets 28 Feb, then 31 Mar).
 * - `term`: the contract term, from its first local day to `contractEndsAt`.
 */
export function periodAt(period: MeteringPeriod, input: { now: number; timezone: string; termStartDate: string; contractEndsAt: number }): PeriodWindow {
  // A period's window is the same for every instant inside it, and the hot reads ask for it
  // on every request: a window that contains `now` is kept and served until `now` leaves it.
  const key = `${period} ${input.timezone} ${input.termStartDate} ${input.contractEndsAt}`;
  const known = windows.get(key);
  if (known && known.start <= input.now && input.now < known.resetsAt) return known;
  const window = computePeriodAt(period, input);
  if (window.start <= input.now && input.now < window.resetsAt) {
    if (windows.size >= MAX_REMEMBERED_WINDOWS) windows.clear();
    windows.set(key, window);
  }
  return window;
}

const MAX_REMEMBERED_WINDOWS = 100_000;
const windows = new Map<string, PeriodWindow>();

function computePeriodAt(period: MeteringPeriod, input: { now: number; timezone: string; termStartDate: string; contractEndsAt: number }): PeriodWindow {
  const { now, timezone } = input;
  const window = (from: CalendarDate, resetsAt: number): PeriodWindow => ({
    start: startOfLocalDay(from, timezone),
    resetsAt,
    firstDay: formatCalendarDate(from),
  });
  if (period === "day") {
    let today = localDateAt(now, timezone);
    // Where clocks go back across midnight, the repeated hour reads as yesterday; the period
    // containing `now` is still today's, which began at the first midnight.
    while (startOfLocalDay(addDays(today, 1), timezone) <= now) today = addDays(today, 1);
    return window(today, startOfLocalDay(addDays(today, 1), timezone));
  }
  const anchor = parseCalendarDate(input.termStartDate);
  if (!anchor) throw new RangeError(`not a calendar date: ${input.termStartDate}`);
  if (period === "term") return window(anchor, input.contractEndsAt);
  const local = localDateAt(now, timezone);
  let n = local.year * 12 + local.month - (anchor.year * 12 + anchor.month);
  const startOf = (months: number): number => startOfLocalDay(addMonths(anchor, months), timezone);
  // The estimate is off by at most one month either way (the anchor day may not have come yet).
  while (startOf(n) > now) n--;
  while (startOf(n + 1) <= now) n++;
  return window(addMonths(anchor, n), startOf(n + 1));
}
