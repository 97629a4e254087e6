import { addDays, addMonths, compareCalendarDates, daysBetween, daysInMonth, formatCalendarDate, parseCalendarDate } from "../time/local-day.ts";
import type { CalendarDate } from "../time/local-day.ts";

/** A term's calendar length: whole months (clamped to month ends) then days. */
interface CalendarLength {
  months: number;
  days: number;
}

/**
 * The term that follows `current`: it starts the day after the old last day (so at the old
 * `contractEndsAt`) and runs as long in calendar terms — a year stays a year, a month a month.
 * A term that runs from one month's last day to another's (2027-01-31 … 2027-02-28,
 * 2028-02-29 … 2029-02-28) counts as whole months, so the next one is 2027-03-01 … 2027-03-31
 * rather than drifting a day each renewal.
 *
 * @example nextTermDates({ startDate: "2026-01-01", endDate: "2026-12-31" })
 * // → { startDate: "2027-01-01", endDate: "2027-12-31" }
 */
export function nextTermDates(current: { startDate: string; endDate: string }): { startDate: string; endDate: string } {
  const start = parseCalendarDate(current.startDate);
  const end = parseCalendarDate(current.endDate);
  if (!start || !end) throw new RangeError(`not a term: ${current.startDate} … ${current.endDate}`);
  if (compareCalendarDates(end, start) < 0) throw new RangeError(`term ends before it starts: ${current.startDate} … ${current.endDate}`);
  const length = termLength(start, end);
  const nextStart = addDays(end, 1);
  const nextEnd = addDays(addDays(addMonths(nextStart, length.months), length.days), -1);
  return { startDate: formatCalendarDate(nextStart), endDate: formatCalendarDate(nextEnd) };
}

/** The calendar length of the inclusive term `start … end`. */
function termLength(start: CalendarDate, end: CalendarDate): CalendarLength {
  const endExclusive = addDays(end, 1);
  const monthSpan = (end.year - start.year) * 12 + (end.month - start.month);
  if (monthSpan > 0 && isLastDayOfMonth(start) && isLastDayOfMonth(end)) return { months: monthSpan, days: 0 };
  let months = (endExclusive.year - start.year) * 12 + (endExclusive.month - start.month);
  if (compareCalendarDates(addMonths(start, months), endExclusive) > 0) months -= 1;
  return { months, days: daysBetween(addMonths(start, months), endExclusive) };
}

function isLastDayOfMonth(date: CalendarDate): boolean {
  return date.day === daysInMonth(date.year, date.month);
}

/**
 * The next term's amount in minor units after an uplift, rounded half up. Computed on
 * integers: in floating point 125 × 1.292 gives 161.4999… and would round down.
 */
export function upliftAmount(value: number, upliftPercent: number | null): number {
  if (!upliftPercent) return value;
  // Percent to 1/10 000 of a percent, so the factor is (1 000 000 + scaled) / 1 000 000.
  const scaled = BigInt(Math.round(upliftPercent * 10_000));
  const product = BigInt(Math.round(value)) * (1_000_000n + scaled);
  // Half up (towards +∞) for negative products too: floor((2p + d) / 2d).
  const twice = 2n * product + 1_000_000n;
  const divisor = 2_000_000n;
  const quotient = twice / divisor;
  const floored = twice % divisor !== 0n && twice < 0n ? quotient - 1n : quotient;
  return Number(floored);
}
