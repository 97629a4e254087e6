import { DateTime, IANAZone } from "luxon";

/** A calendar date, `YYYY-MM-DD`, with no zone of its own. */
export interface CalendarDate {
  year: number;
  month: number;
  day: number;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const HOUR = 3_600_000;

/** Parses `YYYY-MM-DD` into a real calendar date (no 2026-02-30), or null. */
export function parseCalendarDate(text: string): CalendarDate | null {
  const match = ISO_DATE.exec(text);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCFullYear() !== year || probe.getUTCMonth() !== month - 1 || probe.getUTCDate() !== day) return null;
  if (year < 1970 || year > 9999) return null;
  return { year, month, day };
}

export function formatCalendarDate(date: CalendarDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, "0");
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** Adds whole calendar days to a date (pure calendar arithmetic, no zone involved). */
export function addDays(date: CalendarDate, days: number): CalendarDate {
  const probe = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: probe.getUTCFullYear(), month: probe.getUTCMonth() + 1, day: probe.getUTCDate() };
}

/** The number of days in a month (`month` 1–12). */
export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/**
 * Adds whole calendar months, clamping to the month's last day: 2027-01-31 + 1 month is
 * 2027-02-28, 2028-02-29 + 12 months is 2029-02-28.
 */
export function addMonths(date: CalendarDate, months: number): CalendarDate {
  const index = date.year * 12 + (date.month - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  return { year, month, day: Math.min(date.day, daysInMonth(year, month)) };
}

/** Whole days from `a` to `b` (negative when `b` is earlier). */
export function daysBetween(a: CalendarDate, b: CalendarDate): number {
  return Math.round((Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / 86_400_000);
}

export function compareCalendarDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day;
}

/**
 * Whether this is an IANA zone name that `Intl` knows. Deliberately not luxon's `setZone`
 * check: that also accepts "local", "system" and "UTC+3", which would make an account's days
 * depend on the server's clock settings or on a fixed offset with no DST.
 */
export function isValidTimeZone(zone: string): boolean {
  return zone.length > 0 && zone.length <= 64 && IANAZone.isValidZone(zone);
}

/** The spelling `Intl` uses for a zone ("asia/shanghai" → "Asia/Shanghai"), or null when unknown. */
export function canonicalTimeZone(zone: string): string | null {
  if (!isValidTimeZone(zone)) return null;
  return new Intl.DateTimeFormat("en-US", { timeZone: zone }).resolvedOptions().timeZone;
}

/** The local calendar date of an instant in a zone. */
export function localDateAt(instant: number, zone: string): CalendarDate {
  const local = DateTime.fromMillis(instant, { zone });
  return { year: local.year, month: local.month, day: local.day };
}

/**
 * The first instant of a local day in an IANA zone. Where local midnight happens twice
 * (a DST overlap) it is the earlier one; where it does not exist (a DST gap) it is the
 * first instant that does — the transition itself.
 */
export function startOfLocalDay(date: CalendarDate, zone: string): number {
  // Zone rules do not change while the process runs, so each answer is kept: hot reads ask
  // for the same few days many times a second, and each fresh answer costs several luxon
  // offset lookups.
  const key = `${zone} ${date.year}-${date.month}-${date.day}`;
  const known = startsOfDays.get(key);
  if (known !== undefined) return known;
  const start = computeStartOfLocalDay(date, zone);
  if (startsOfDays.size >= MAX_REMEMBERED_DAYS) startsOfDays.clear();
  startsOfDays.set(key, start);
  return start;
}

const MAX_REMEMBERED_DAYS = 50_000;
const startsOfDays = new Map<string, number>();

function computeStartOfLocalDay(date: CalendarDate, zone: string): number {
  const wallAsUtc = Date.UTC(date.year, date.month - 1, date.day);
  const guess = DateTime.fromObject(date, { zone }).toMillis();
  // Local midnight exists at `wall - offset` for one of the offsets in force nearby.
  const offsets = new Set([-12 * HOUR, 0, 12 * HOUR].map((delta) => DateTime.fromMillis(guess + delta, { zone }).offset));
  let earliest = Number.POSITIVE_INFINITY;
  for (const offsetMinutes of offsets) {
    const candidate = wallAsUtc - offsetMinutes * 60_000;
    const local = DateTime.fromMillis(candidate, { zone });
    const isMidnight = local.hour === 0 && local.minute === 0 && local.second === 0 && local.millisecond === 0;
    if (isMidnight && compareCalendarDates(localDateAt(candidate, zone), date) === 0) earliest = Math.min(earliest, candidate);
  }
  if (Number.isFinite(earliest)) return earliest;
  // A DST gap swallowed midnight: find the transition, the first instant whose local date is `date`.
  let low = guess - 12 * HOUR; // still the day before
  let high = guess; // already `date`
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (compareCalendarDates(localDateAt(mid, zone), date) >= 0) high = mid;
    else low = mid;
  }
  return high;
}

/** When a term whose last day (inclusive) is `endDate` ends: the first instant of the next local day. */
export function endOfLastDay(endDate: CalendarDate, zone: string): number {
  return startOfLocalDay(addDays(endDate, 1), zone);
}

/**
 * Moves an instant by whole calendar days in a zone, keeping its wall-clock time (DST-aware).
 * The start of a local day stays the start of a local day, even where a DST gap moved it.
 */
export function plusCalendarDays(instant: number, days: number, zone: string): number {
  const date = localDateAt(instant, zone);
  if (startOfLocalDay(date, zone) === instant) return startOfLocalDay(addDays(date, days), zone);
  return DateTime.fromMillis(instant, { zone }).plus({ days }).toMillis();
}
