import { describe, expect, it } from "vitest";
import { formatDuration, isoDuration, untilNextTick } from "./duration.ts";

const S = 1000,
  M = 60 * S,
  H = 60 * M,
  D = 24 * H;

describe("countdowns", () => {
  it("shows days and hours, hours and minutes, or minutes and seconds, as fits", () => {
    expect(formatDuration(2 * D + 14 * H + 59 * M, "en-GB")).toBe("2 days 14 hours");
    expect(formatDuration(3 * H + 12 * M + 59 * S, "en-GB")).toBe("3 hours 12 minutes");
    expect(formatDuration(12 * M + 5 * S + 999, "en-GB")).toBe("12 minutes 5 seconds");
    expect(formatDuration(-5, "en-GB")).toBe("0 minutes 0 seconds");
  });

  it("speaks Chinese for zh-CN", () => {
    expect(formatDuration(2 * D + 3 * H, "zh-CN")).toBe("2天 3小时");
  });

  it("never claims more time than is left", () => {
    expect(formatDuration(D - 1, "en-GB")).toBe("23 hours 59 minutes");
  });

  it("ticks when the text would change: hourly, then every minute, then every second", () => {
    expect(untilNextTick(2 * D + 30 * M)).toBe(30 * M);
    expect(untilNextTick(2 * D)).toBe(H);
    expect(untilNextTick(3 * H + 20 * S)).toBe(20 * S);
    expect(untilNextTick(59 * M + 250)).toBe(250);
    expect(untilNextTick(0)).toBe(0);
  });

  it("writes machine-readable ISO durations", () => {
    expect(isoDuration(D + 2 * H + 3 * M + 4 * S + 999)).toBe("P1DT2H3M4S");
  });
});
