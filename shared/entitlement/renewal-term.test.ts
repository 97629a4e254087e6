import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { addDays, addMonths, daysBetween, formatCalendarDate, parseCalendarDate } from "../time/local-day.ts";
import type { CalendarDate } from "../time/local-day.ts";
import { nextTermDates, upliftAmount } from "./renewal-term.ts";

function next(startDate: string, endDate: string): string {
  const term = nextTermDates({ startDate, endDate });
  return `${term.startDate}..${term.endDate}`;
}

function date(text: string): CalendarDate {
  const parsed = parseCalendarDate(text);
  if (!parsed) throw new Error(`bad fixture date ${text}`);
  return parsed;
}

const startArb = fc.integer({ min: 0, max: 365 * 28 }).map((offset) => addDays({ year: 2012, month: 1, day: 1 }, offset));

describe("nextTermDates", () => {
  it.each([
    ["a calendar year", "2026-01-01", "2026-12-31", "2027-01-01..2027-12-31"],
    ["a year from mid-March", "2026-03-15", "2027-03-14", "2027-03-15..2028-03-14"],
    ["a year ending on a leap day", "2027-03-01", "2028-02-29", "2028-03-01..2029-02-28"],
    ["a leap calendar year", "2028-01-01", "2028-12-31", "2029-01-01..2029-12-31"],
    ["a year from a leap day to 28 Feb", "2028-02-29", "2029-02-28", "2029-03-01..2030-02-28"],
    ["a year from a leap day, clamped to 27 Feb", "2028-02-29", "2029-02-27", "2029-02-28..2030-02-27"],
    ["a calendar month", "2026-01-01", "2026-01-31", "2026-02-01..2026-02-28"],
    ["a calendar February", "2026-02-01", "2026-02-28", "2026-03-01..2026-03-31"],
    ["a month from mid-January", "2026-01-15", "2026-02-14", "2026-02-15..2026-03-14"],
    ["a month from 31 Jan, clamped to 28 Feb", "2027-01-31", "2027-02-27", "2027-02-28..2027-03-27"],
    ["a month from 31 Jan to the end of February", "2027-01-31", "2027-02-28", "2027-03-01..2027-03-31"],
    ["a month from 31 Jan in a leap year", "2028-01-31", "2028-02-28", "2028-02-29..2028-03-28"],
    ["a quarter from one month end to another", "2026-01-31", "2026-04-30", "2026-05-01..2026-07-31"],
    ["28 days", "2026-03-01", "2026-03-28", "2026-03-29..2026-04-25"],
    ["28 days of a leap February", "2028-02-01", "2028-02-28", "2028-02-29..2028-03-27"],
    ["eleven months and 17 days", "2026-01-15", "2026-12-31", "2027-01-01..2027-12-17"],
    ["a single day", "2026-05-05", "2026-05-05", "2026-05-06..2026-05-06"],
  ])("renews %s (%s..%s) as %s", (_what, startDate, endDate, expected) => {
    expect(next(startDate, endDate)).toBe(expected);
  });

  it("keeps renewing a month-end monthly term on whole calendar months", () => {
    let term = { startDate: "2027-01-31", endDate: "2027-02-28" };
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      term = nextTermDates(term);
      seen.push(`${term.startDate}..${term.endDate}`);
    }
    expect(seen).toEqual(["2027-03-01..2027-03-31", "2027-04-01..2027-04-30", "2027-05-01..2027-05-31", "2027-06-01..2027-06-30"]);
  });

  it.each([
    ["2026-02-30", "2026-12-31"],
    ["2026-01-01", "2026-13-01"],
    ["2027-01-01", "2026-12-31"],
  ])("refuses the term %s..%s", (startDate, endDate) => {
    expect(() => nextTermDates({ startDate, endDate })).toThrow(RangeError);
  });

  it("always starts the day after the old last day and is never empty", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 0, max: 1200 }), (start, length) => {
        const end = addDays(start, length);
        const term = nextTermDates({ startDate: formatCalendarDate(start), endDate: formatCalendarDate(end) });
        expect(term.startDate).toBe(formatCalendarDate(addDays(end, 1)));
        expect(term.endDate >= term.startDate).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("keeps whole months starting on the 1st as whole months starting on the 1st", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 36 }), (anyDay, months) => {
        const start = { ...anyDay, day: 1 };
        const term = nextTermDates({ startDate: formatCalendarDate(start), endDate: formatCalendarDate(addDays(addMonths(start, months), -1)) });
        const nextStart = addMonths(start, months);
        expect(term).toEqual({ startDate: formatCalendarDate(nextStart), endDate: formatCalendarDate(addDays(addMonths(nextStart, months), -1)) });
      }),
      { numRuns: 300 },
    );
  });

  it("keeps a term shorter than any month to the same number of days", () => {
    fc.assert(
      fc.property(startArb, fc.integer({ min: 1, max: 27 }), (start, days) => {
        const term = nextTermDates({ startDate: formatCalendarDate(start), endDate: formatCalendarDate(addDays(start, days - 1)) });
        expect(daysBetween(date(term.startDate), date(term.endDate)) + 1).toBe(days);
      }),
      { numRuns: 300 },
    );
  });

  it("renews a year from any day but a leap day on the same day next year", () => {
    fc.assert(
      fc.property(startArb, (start) => {
        fc.pre(!(start.month === 2 && start.day === 29));
        const end = addDays(addMonths(start, 12), -1);
        const term = nextTermDates({ startDate: formatCalendarDate(start), endDate: formatCalendarDate(end) });
        const nextStart = addMonths(start, 12);
        expect(term).toEqual({ startDate: formatCalendarDate(nextStart), endDate: formatCalendarDate(addDays(addMonths(start, 24), -1)) });
      }),
      { numRuns: 300 },
    );
  });
});

describe("upliftAmount", () => {
  it("leaves the amount alone without an uplift", () => {
    expect(upliftAmount(120_000, null)).toBe(120_000);
    expect(upliftAmount(120_000, 0)).toBe(120_000);
  });

  it("applies a percentage to minor units", () => {
    expect(upliftAmount(120_000, 5)).toBe(126_000);
    expect(upliftAmount(99_900, 7.5)).toBe(107_393); // 107 392.5, half up
    expect(upliftAmount(1_000, -10)).toBe(900);
  });

  it("rounds an exact half up even where floating point lands just below it", () => {
    expect(upliftAmount(125, 29.2)).toBe(162); // 161.5; 125 * 129.2 / 100 is 161.4999… in doubles
    expect(upliftAmount(500, 28.7)).toBe(644); // 643.5
    expect(upliftAmount(1_375, -8.4)).toBe(1_260); // 1 259.5
  });

  it("is the exact amount rounded half up for percentages with two decimals", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 100_000_000 }), fc.integer({ min: -5_000, max: 10_000 }), (value, hundredths) => {
        const result = upliftAmount(value, hundredths / 100);
        // result − value × (10 000 + hundredths) / 10 000 must lie in (−½, ½].
        const diff = BigInt(result) * 10_000n - BigInt(value) * BigInt(10_000 + hundredths);
        expect(diff > -5_000n && diff <= 5_000n, `${value} at ${hundredths / 100} % gave ${result}`).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });
});
