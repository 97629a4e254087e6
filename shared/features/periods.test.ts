import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localDateAt, startOfLocalDay } from "../time/local-day.ts";
import { periodAt } from "./periods.ts";

const iso = (ms: number): string => new Date(ms).toISOString();
const term = (termStartDate: string, zone: string) => ({ timezone: zone, termStartDate, contractEndsAt: Date.parse("2099-01-01T00:00:00Z") });

describe("metering periods", () => {
  it("resets a month that started on the 31st on 28 Feb, then on 31 Mar (UTC)", () => {
    const t = term("2027-01-31", "UTC");
    expect(iso(periodAt("month", { ...t, now: Date.parse("2027-02-10T00:00:00Z") }).resetsAt)).toBe("2027-02-28T00:00:00.000Z");
    const feb = periodAt("month", { ...t, now: Date.parse("2027-02-28T00:00:00Z") });
    expect(iso(feb.start)).toBe("2027-02-28T00:00:00.000Z");
    expect(iso(feb.resetsAt)).toBe("2027-03-31T00:00:00.000Z");
    expect(feb.firstDay).toBe("2027-02-28");
  });

  it("resets monthly at local midnight in America/Santiago across the September DST gap", () => {
    // Chile skips 00:00–01:00 on 6 Sept 2026: that day starts at 01:00 local (-03:00), 04:00 UTC.
    const t = term("2026-01-06", "America/Santiago");
    const aug = periodAt("month", { ...t, now: Date.parse("2026-08-20T12:00:00Z") });
    expect(iso(aug.start)).toBe("2026-08-06T04:00:00.000Z");
    expect(iso(aug.resetsAt)).toBe("2026-09-06T04:00:00.000Z");
    const justBefore = periodAt("month", { ...t, now: Date.parse("2026-09-06T03:59:59.999Z") });
    expect(iso(justBefore.resetsAt)).toBe("2026-09-06T04:00:00.000Z");
    const sept = periodAt("month", { ...t, now: Date.parse("2026-09-06T04:00:00.000Z") });
    expect(iso(sept.start)).toBe("2026-09-06T04:00:00.000Z");
    expect(sept.firstDay).toBe("2026-09-06");
    expect(iso(sept.resetsAt)).toBe("2026-10-06T03:00:00.000Z");
  });

  it("resets a month that started on the 31st in America/Santiago: 28 Feb at 00:00 -03:00, 31 Mar at 00:00 -03:00", () => {
    const t = term("2027-01-31", "America/Santiago");
    const jan = periodAt("month", { ...t, now: Date.parse("2027-02-01T12:00:00Z") });
    expect(iso(jan.start)).toBe("2027-01-31T03:00:00.000Z");
    expect(iso(jan.resetsAt)).toBe("2027-02-28T03:00:00.000Z");
    const feb = periodAt("month", { ...t, now: jan.resetsAt });
    expect(iso(feb.resetsAt)).toBe("2027-03-31T03:00:00.000Z");
  });

  it("resets monthly at local midnight in Pacific/Chatham (+13:45), a day ahead of UTC", () => {
    const t = term("2027-01-31", "Pacific/Chatham");
    const feb = periodAt("month", { ...t, now: Date.parse("2027-02-27T10:15:00.000Z") });
    // 28 Feb 00:00 +13:45 is 27 Feb 10:15 UTC.
    expect(iso(feb.start)).toBe("2027-02-27T10:15:00.000Z");
    expect(feb.firstDay).toBe("2027-02-28");
    expect(iso(feb.resetsAt)).toBe("2027-03-30T10:15:00.000Z");
    expect(iso(periodAt("month", { ...t, now: feb.start - 1 }).resetsAt)).toBe("2027-02-27T10:15:00.000Z");
  });

  it("answers the local day for day periods and the contract term for term periods", () => {
    const day = periodAt("day", { ...term("2026-01-01", "Asia/Shanghai"), now: Date.parse("2026-11-21T08:00:00Z") });
    expect([iso(day.start), iso(day.resetsAt), day.firstDay]).toEqual(["2026-11-20T16:00:00.000Z", "2026-11-21T16:00:00.000Z", "2026-11-21"]);
    const whole = periodAt("term", {
      timezone: "Asia/Shanghai",
      termStartDate: "2026-01-01",
      contractEndsAt: Date.parse("2026-12-31T16:00:00Z"),
      now: Date.parse("2026-11-21T08:00:00Z"),
    });
    expect([iso(whole.start), iso(whole.resetsAt)]).toEqual(["2025-12-31T16:00:00.000Z", "2026-12-31T16:00:00.000Z"]);
  });

  const zones = fc.constantFrom("UTC", "America/Santiago", "Pacific/Chatham", "Asia/Shanghai", "Europe/London", "Australia/Lord_Howe", "America/St_Johns");
  const startDates = fc
    .record({ year: fc.integer({ min: 2024, max: 2030 }), month: fc.integer({ min: 1, max: 12 }), day: fc.integer({ min: 1, max: 31 }) })
    .map(
      ({ year, month, day }) =>
        `${year}-${String(month).padStart(2, "0")}-${String(Math.min(day, new Date(Date.UTC(year, month, 0)).getUTCDate())).padStart(2, "0")}`,
    );
  const instants = fc.integer({ min: Date.parse("2024-01-01T00:00:00Z"), max: Date.parse("2032-01-01T00:00:00Z") });

  it("always contains now, starts and resets at the first instant of a local day, and the next period begins where this one resets", () => {
    fc.assert(
      fc.property(zones, startDates, instants, fc.constantFrom("day" as const, "month" as const), (zone, start, now, period) => {
        const t = term(start, zone);
        const p = periodAt(period, { ...t, now });
        expect(p.start).toBeLessThanOrEqual(now);
        expect(now).toBeLessThan(p.resetsAt);
        expect(startOfLocalDay(localDateAt(p.start, zone), zone)).toBe(p.start);
        expect(startOfLocalDay(localDateAt(p.resetsAt, zone), zone)).toBe(p.resetsAt);
        expect(periodAt(period, { ...t, now: p.resetsAt }).start).toBe(p.resetsAt);
        expect(periodAt(period, { ...t, now: p.resetsAt - 1 }).resetsAt).toBe(p.resetsAt);
      }),
      { numRuns: 300 },
    );
  });

  it("resets a monthly period on the term start's day, or the month's last day when shorter", () => {
    fc.assert(
      fc.property(zones, startDates, instants, (zone, start, now) => {
        const p = periodAt("month", { ...term(start, zone), now });
        const anchorDay = Number(start.slice(8, 10));
        const reset = localDateAt(p.resetsAt, zone);
        const last = new Date(Date.UTC(reset.year, reset.month, 0)).getUTCDate();
        expect(reset.day).toBe(Math.min(anchorDay, last));
      }),
      { numRuns: 300 },
    );
  });
});
