import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  addDays,
  addMonths,
  canonicalTimeZone,
  compareCalendarDates,
  daysBetween,
  endOfLastDay,
  formatCalendarDate,
  isValidTimeZone,
  localDateAt,
  parseCalendarDate,
  plusCalendarDays,
  startOfLocalDay,
} from "./local-day.ts";
import type { CalendarDate } from "./local-day.ts";
import { PROPERTY_ZONES, calendarDateArb, zoneArb } from "../../test/support/zone-fixtures.ts";

function date(text: string): CalendarDate {
  const parsed = parseCalendarDate(text);
  if (!parsed) throw new Error(`bad fixture date ${text}`);
  return parsed;
}

function iso(instant: number): string {
  return new Date(instant).toISOString();
}

const ms = Date.parse;

/**
 * Expected ends worked out by hand from each zone's offsets (tzdata 2025c, checked against
 * `Intl` on Node 20): the first instant of the day after `endDate`, as UTC.
 */
const ZONE_TABLE: ReadonlyArray<[endDate: string, zone: string, contractEndsAt: string, why: string]> = [
  ["2026-12-31", "Asia/Shanghai", "2026-12-31T16:00:00.000Z", "1 Jan 00:00 +08"],
  ["2026-12-31", "UTC", "2027-01-01T00:00:00.000Z", "1 Jan 00:00 +00"],
  ["2026-06-30", "Pacific/Pago_Pago", "2026-07-01T11:00:00.000Z", "UTC−11, the last zone to finish a day"],
  ["2026-12-31", "Pacific/Pago_Pago", "2027-01-01T11:00:00.000Z", "UTC−11 at a year end"],
  ["2026-06-30", "Pacific/Kiritimati", "2026-06-30T10:00:00.000Z", "UTC+14, the first zone to start a day"],
  ["2026-12-31", "Pacific/Kiritimati", "2026-12-31T10:00:00.000Z", "UTC+14 at a year end"],
  ["2026-12-31", "Pacific/Marquesas", "2027-01-01T09:30:00.000Z", "UTC−09:30"],
  ["2026-03-15", "Asia/Kolkata", "2026-03-15T18:30:00.000Z", "UTC+05:30"],
  ["2026-12-31", "Asia/Kolkata", "2026-12-31T18:30:00.000Z", "UTC+05:30 at a year end"],
  ["2026-03-15", "Asia/Kathmandu", "2026-03-15T18:15:00.000Z", "UTC+05:45"],
  ["2026-03-15", "Australia/Eucla", "2026-03-15T15:15:00.000Z", "UTC+08:45"],
  ["2026-03-21", "Asia/Tehran", "2026-03-21T20:30:00.000Z", "UTC+03:30; Iran's midnight DST gap ended in 2022"],
  ["2026-07-01", "America/St_Johns", "2026-07-02T02:30:00.000Z", "UTC−02:30 in summer"],
  ["2026-01-15", "Pacific/Chatham", "2026-01-15T10:15:00.000Z", "UTC+13:45 in summer"],
  ["2026-07-15", "Pacific/Chatham", "2026-07-15T11:15:00.000Z", "UTC+12:45 in winter"],
  ["2026-01-15", "Australia/Lord_Howe", "2026-01-15T13:00:00.000Z", "UTC+11 in summer"],
  ["2026-07-15", "Australia/Lord_Howe", "2026-07-15T13:30:00.000Z", "UTC+10:30 in winter"],
  ["2026-10-04", "Australia/Lord_Howe", "2026-10-04T13:00:00.000Z", "a 23½-hour day: 02:00 → 02:30 on 4 Oct"],
  ["2026-04-04", "Australia/Lord_Howe", "2026-04-04T13:00:00.000Z", "midnight of 5 Apr is still +11; 02:00 → 01:30 comes later"],
  ["2026-09-05", "America/Santiago", "2026-09-06T04:00:00.000Z", "gap: 6 Sep has no midnight and starts 01:00 −03"],
  ["2026-09-06", "America/Santiago", "2026-09-07T03:00:00.000Z", "the day after the gap, −03"],
  ["2026-04-04", "America/Santiago", "2026-04-05T04:00:00.000Z", "24:00 −03 → 23:00 −04: 5 Apr's midnight only exists at −04"],
  ["2026-12-31", "America/Santiago", "2027-01-01T03:00:00.000Z", "summer, −03"],
  ["2026-10-03", "America/Asuncion", "2026-10-04T03:00:00.000Z", "Paraguay kept −03 all year from 2024: no gap on 4 Oct"],
  ["2026-03-28", "Asia/Beirut", "2026-03-28T22:00:00.000Z", "gap: 29 Mar starts 01:00 +03"],
  ["2026-10-24", "Asia/Beirut", "2026-10-24T22:00:00.000Z", "24:00 +03 → 23:00 +02: 25 Oct's midnight is at +02"],
  ["2026-03-07", "America/Havana", "2026-03-08T05:00:00.000Z", "gap: 8 Mar starts 01:00 −04"],
  ["2026-10-31", "America/Havana", "2026-11-01T04:00:00.000Z", "overlap: midnight of 1 Nov happens at −04 and −05; the earlier"],
  ["2026-11-01", "America/Havana", "2026-11-02T05:00:00.000Z", "the day after the overlap, −05"],
  ["2026-04-23", "Africa/Cairo", "2026-04-23T22:00:00.000Z", "gap: 24 Apr starts 01:00 +03"],
  ["2026-10-29", "Africa/Cairo", "2026-10-29T22:00:00.000Z", "24:00 +03 → 23:00 +02: 30 Oct's midnight is at +02"],
  ["2026-03-28", "Atlantic/Azores", "2026-03-29T01:00:00.000Z", "gap: 29 Mar starts 01:00 +00"],
  ["2026-10-24", "Atlantic/Azores", "2026-10-25T00:00:00.000Z", "overlap: midnight of 25 Oct happens at +00 and −01; the earlier"],
  ["2026-03-28", "America/Nuuk", "2026-03-29T01:00:00.000Z", "23:00–24:00 of 28 Mar is skipped; 29 Mar's midnight is at −01"],
  ["2026-03-07", "America/New_York", "2026-03-08T05:00:00.000Z", "US DST starts at 02:00, after midnight"],
  ["2026-03-08", "America/New_York", "2026-03-09T04:00:00.000Z", "a 23-hour last day"],
  ["2026-10-25", "Europe/Berlin", "2026-10-25T23:00:00.000Z", "a 25-hour last day"],
  ["2028-02-29", "Europe/London", "2028-03-01T00:00:00.000Z", "a leap day as the last day"],
  ["2028-02-28", "America/New_York", "2028-02-29T05:00:00.000Z", "the next day is a leap day"],
  ["2028-02-29", "Asia/Tokyo", "2028-02-29T15:00:00.000Z", "a leap day, +09"],
  ["2027-02-28", "Asia/Tokyo", "2027-02-28T15:00:00.000Z", "no leap day in 2027: 1 Mar 00:00 +09"],
  ["2027-02-28", "UTC", "2027-03-01T00:00:00.000Z", "no leap day in 2027"],
  ["2027-12-31", "America/Los_Angeles", "2028-01-01T08:00:00.000Z", "year end, −08"],
  ["2026-12-31", "Pacific/Auckland", "2026-12-31T11:00:00.000Z", "year end in summer, +13"],
];

describe("endOfLastDay", () => {
  it.each(ZONE_TABLE)("ends %s in %s at %s (%s)", (endDate, zone, expected) => {
    const end = endOfLastDay(date(endDate), zone);
    expect(iso(end)).toBe(expected);
    expect(formatCalendarDate(localDateAt(end, zone))).toBe(formatCalendarDate(addDays(date(endDate), 1)));
    expect(formatCalendarDate(localDateAt(end - 1, zone))).toBe(endDate);
  });

  it("keeps the whole last day in Asia/Shanghai, not ending at its 00:00", () => {
    const end = endOfLastDay(date("2026-12-31"), "Asia/Shanghai");
    expect(end - startOfLocalDay(date("2026-12-31"), "Asia/Shanghai")).toBe(24 * 3_600_000);
  });

  it("is after every instant of the last day and on the next local day, in every zone", () => {
    fc.assert(
      fc.property(zoneArb(), calendarDateArb(), fc.integer({ min: -3 * 86_400_000, max: 3 * 86_400_000 }), (zone, endDate, offset) => {
        const end = endOfLastDay(endDate, zone);
        expect(compareCalendarDates(localDateAt(end, zone), addDays(endDate, 1))).toBe(0);
        expect(compareCalendarDates(localDateAt(end - 1, zone), endDate)).toBeLessThanOrEqual(0);
        const probe = end + offset;
        if (compareCalendarDates(localDateAt(probe, zone), endDate) <= 0) expect(probe).toBeLessThan(end);
      }),
      { numRuns: 600 },
    );
  });
});

describe("startOfLocalDay", () => {
  it("starts a day whose midnight falls in a DST gap at the first instant that exists", () => {
    const start = startOfLocalDay(date("2026-09-06"), "America/Santiago");
    expect(iso(start)).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(start - 1)).toBe("2026-09-06T03:59:59.999Z");
    expect(formatCalendarDate(localDateAt(start - 1, "America/Santiago"))).toBe("2026-09-05");
  });

  it("starts a day whose midnight happens twice at the earlier midnight", () => {
    expect(iso(startOfLocalDay(date("2026-11-01"), "America/Havana"))).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(startOfLocalDay(date("2026-10-25"), "Atlantic/Azores"))).toBe("2026-10-25T00:00:00.000Z");
  });

  it("is on the day itself and one millisecond earlier is an earlier day, in every zone", () => {
    fc.assert(
      fc.property(zoneArb(), calendarDateArb(), (zone, day) => {
        const start = startOfLocalDay(day, zone);
        expect(formatCalendarDate(localDateAt(start, zone))).toBe(formatCalendarDate(day));
        expect(compareCalendarDates(localDateAt(start - 1, zone), day)).toBeLessThan(0);
      }),
      { numRuns: 600 },
    );
  });
});

describe("plusCalendarDays", () => {
  it("keeps local midnight when days run into a gap day, then back to 00:00", () => {
    const zone = "America/Santiago";
    const sept1 = startOfLocalDay(date("2026-09-01"), zone);
    expect(iso(plusCalendarDays(sept1, 5, zone))).toBe("2026-09-06T04:00:00.000Z");
    expect(iso(plusCalendarDays(sept1, 6, zone))).toBe("2026-09-07T03:00:00.000Z");
    expect(iso(plusCalendarDays(plusCalendarDays(sept1, 5, zone), 1, zone))).toBe("2026-09-07T03:00:00.000Z");
  });

  it("keeps the wall-clock time across a DST change rather than adding 24-hour days", () => {
    const zone = "America/New_York";
    expect(iso(plusCalendarDays(ms("2026-03-07T14:30:00.000Z"), 1, zone))).toBe("2026-03-08T13:30:00.000Z");
    expect(iso(plusCalendarDays(ms("2026-11-01T13:30:00.000Z"), -1, zone))).toBe("2026-10-31T12:30:00.000Z");
  });

  it("moves the start of a day to the start of another day, both ways, in every zone", () => {
    fc.assert(
      fc.property(zoneArb(), calendarDateArb(), fc.integer({ min: -400, max: 400 }), (zone, day, days) => {
        expect(plusCalendarDays(startOfLocalDay(day, zone), days, zone)).toBe(startOfLocalDay(addDays(day, days), zone));
      }),
      { numRuns: 300 },
    );
  });
});

describe("calendar dates", () => {
  it("accepts real dates including leap days", () => {
    expect(parseCalendarDate("2028-02-29")).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseCalendarDate("2026-12-31")).toEqual({ year: 2026, month: 12, day: 31 });
  });

  it.each(["2027-02-29", "2026-02-30", "2026-13-01", "2026-00-10", "2026-04-31", "2026-1-05", "26-01-05", " 2026-01-05", "2026-01-05T00:00", "1969-12-31", ""])(
    "rejects %j",
    (text) => {
      expect(parseCalendarDate(text)).toBeNull();
    },
  );

  it("adds days across month, year and leap-day ends", () => {
    expect(formatCalendarDate(addDays(date("2027-02-28"), 1))).toBe("2027-03-01");
    expect(formatCalendarDate(addDays(date("2028-02-28"), 1))).toBe("2028-02-29");
    expect(formatCalendarDate(addDays(date("2026-12-31"), 1))).toBe("2027-01-01");
    expect(formatCalendarDate(addDays(date("2027-01-01"), -1))).toBe("2026-12-31");
  });

  it("adds months clamped to the month's last day", () => {
    expect(formatCalendarDate(addMonths(date("2027-01-31"), 1))).toBe("2027-02-28");
    expect(formatCalendarDate(addMonths(date("2028-01-31"), 1))).toBe("2028-02-29");
    expect(formatCalendarDate(addMonths(date("2028-02-29"), 12))).toBe("2029-02-28");
    expect(formatCalendarDate(addMonths(date("2026-11-15"), 3))).toBe("2027-02-15");
    expect(formatCalendarDate(addMonths(date("2026-03-31"), -1))).toBe("2026-02-28");
  });

  it("counts days between dates", () => {
    expect(daysBetween(date("2028-02-01"), date("2028-03-01"))).toBe(29);
    expect(daysBetween(date("2027-01-01"), date("2026-01-01"))).toBe(-365);
  });
});

describe("time zone names", () => {
  it("accepts IANA names, including every zone the property tests use", () => {
    for (const zone of ["Asia/Shanghai", "UTC", "America/Argentina/Buenos_Aires", ...PROPERTY_ZONES]) {
      expect(isValidTimeZone(zone), zone).toBe(true);
    }
  });

  it.each(["local", "system", "UTC+3", "utc+3", "+03:00", "Mars/Olympus_Mons", "", "Europe/".padEnd(65, "x")])(
    "rejects %j, which is not an IANA zone",
    (zone) => {
      expect(isValidTimeZone(zone)).toBe(false);
      expect(canonicalTimeZone(zone)).toBeNull();
    },
  );

  it("spells a zone the way Intl does", () => {
    expect(canonicalTimeZone("asia/shanghai")).toBe("Asia/Shanghai");
    expect(canonicalTimeZone("Pacific/Chatham")).toBe("Pacific/Chatham");
  });
});
