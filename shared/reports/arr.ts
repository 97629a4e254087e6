import { addDays, addMonths, compareCalendarDates, daysBetween, formatCalendarDate, localDateAt, parseCalendarDate } from "../time/local-day.ts";

/** A contract term as reports see it: local dates (last day inclusive), the stored end, the amount. */
export interface ReportTerm {
  accountId: string;
  seq: number;
  startDate: string;
  endDate: string;
  contractEndsAt: number;
  timezone: string;
  amountValue: number | null;
  amountCurrency: string | null;
}

/**
 * The renewal month of a term: the month, in the account's zone, of the local day on which it
 * ends — `contractEndsAt` minus one instant. Time grants move access, never `contractEndsAt`,
 * so they never move a term to another month.
 */
export function renewalMonth(term: Pick<ReportTerm, "contractEndsAt" | "timezone">): string {
  const last = localDateAt(term.contractEndsAt - 1, term.timezone);
  return `${String(last.year).padStart(4, "0")}-${String(last.month).padStart(2, "0")}`;
}

/**
 * How long a term is, in calendar months when it runs whole months (2026-01-01..2026-12-31 is
 * 12; 2026-01-31..2026-02-27 is 1), else in days. Whole months are what contracts are sold in;
 * days cover the rest.
 */
export function termLength(startDate: string, endDate: string): { months: number } | { days: number } {
  const start = parseCalendarDate(startDate);
  const end = parseCalendarDate(endDate);
  if (!start || !end) throw new RangeError(`not a term: ${startDate}..${endDate}`);
  const after = addDays(end, 1);
  for (let months = 1; months <= 1200; months++) {
    const candidate = addMonths(start, months);
    const cmp = compareCalendarDates(candidate, after);
    if (cmp === 0) return { months };
    if (cmp > 0) break;
  }
  return { days: daysBetween(start, after) };
}

/**
 * Annual recurring revenue of a term, in minor units: its amount annualised by its calendar
 * length (× 12 / months for whole months, else × 365 / days), rounded to a minor unit.
 * Null when the term carries no amount.
 */
export function annualisedAmount(
  term: Pick<ReportTerm, "startDate" | "endDate" | "amountValue" | "amountCurrency">,
): { currency: string; value: number } | null {
  if (term.amountValue == null || !term.amountCurrency) return null;
  const length = termLength(term.startDate, term.endDate);
  const value = "months" in length ? (term.amountValue * 12) / length.months : (term.amountValue * 365) / length.days;
  return { currency: term.amountCurrency, value: Math.round(value) };
}

/** `YYYY-MM` months from `from` to `to`, both included. */
export function monthsBetween(from: string, to: string): string[] {
  const start = parseCalendarDate(`${from}-01`);
  const end = parseCalendarDate(`${to}-01`);
  if (!start || !end) throw new RangeError(`not a month range: ${from}..${to}`);
  const out: string[] = [];
  for (let date = start; compareCalendarDates(date, end) <= 0 && out.length <= 1200; date = addMonths(date, 1)) {
    out.push(formatCalendarDate(date).slice(0, 7));
  }
  return out;
}
