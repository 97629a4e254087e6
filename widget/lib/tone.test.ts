import { describe, expect, it } from "vitest";
import { toneAt } from "./tone.ts";

const H = 3_600_000,
  D = 24 * H;
const end = Date.UTC(2026, 11, 31, 16); // 2027-01-01 00:00 in Asia/Shanghai
const lastDay = end - D;

describe("the banner's tone", () => {
  it("escalates at 30, 7 and 1 days left and on the last day", () => {
    expect(toneAt(end, lastDay, end - 45 * D)).toEqual({ tone: "calm", next: end - 30 * D });
    expect(toneAt(end, lastDay, end - 30 * D)).toEqual({ tone: "notice", next: end - 7 * D });
    expect(toneAt(end, lastDay, end - 7 * D)).toEqual({ tone: "warning", next: end - D });
    expect(toneAt(end, lastDay, end - D)).toEqual({ tone: "critical", next: null });
  });

  it("separates '1 day left' from 'the last day' when access ends mid-afternoon", () => {
    const afternoon = end - 9 * H; // 15:00 local, after an hours grant
    const dayStart = afternoon - 15 * H;
    expect(toneAt(afternoon, dayStart, afternoon - 20 * H).tone).toBe("urgent");
    expect(toneAt(afternoon, dayStart, afternoon - 20 * H).next).toBe(dayStart);
    expect(toneAt(afternoon, dayStart, dayStart).tone).toBe("critical");
  });
});
