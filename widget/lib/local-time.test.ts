import { describe, expect, it } from "vitest";
import { formatMinute, startOfLocalDay } from "./local-time.ts";

describe("local time with Intl", () => {
  it("shows the inclusive last day's last minute in the account's zone", () => {
    const end = Date.parse("2026-12-31T16:00:00.000Z");
    expect(formatMinute(end - 1, "en-GB", "Asia/Shanghai")).toBe("31 Dec 2026 23:59");
    expect(formatMinute(end - 1, "zh-CN", "Asia/Shanghai")).toBe("2026年12月31日 23:59");
  });

  it("finds the start of a local day", () => {
    expect(startOfLocalDay(Date.parse("2026-12-31T15:59:59.999Z"), "Asia/Shanghai")).toBe(Date.parse("2026-12-30T16:00:00.000Z"));
  });

  it("finds the start of a day on which DST began or ended later that day", () => {
    // London: 29 Mar 2026 starts in GMT, clocks go forward at 01:00.
    expect(startOfLocalDay(Date.parse("2026-03-29T14:00:00Z"), "Europe/London")).toBe(Date.parse("2026-03-29T00:00:00Z"));
    // London: 25 Oct 2026 starts in BST, clocks go back at 02:00.
    expect(startOfLocalDay(Date.parse("2026-10-25T15:00:00Z"), "Europe/London")).toBe(Date.parse("2026-10-24T23:00:00Z"));
  });

  it("starts a day whose midnight does not exist at the first instant that does", () => {
    // Havana: 8 Mar 2026, 00:00 jumps to 01:00 (UTC-5 → UTC-4).
    expect(startOfLocalDay(Date.parse("2026-03-08T18:00:00Z"), "America/Havana")).toBe(Date.parse("2026-03-08T05:00:00Z"));
  });
});
