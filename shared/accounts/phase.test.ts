import { describe, expect, it } from "vitest";
import { accountPhase } from "./phase.ts";

const goLive = Date.parse("2026-02-28T16:00:00Z"); // 1 Mar 2026 00:00 in Shanghai

describe("accountPhase", () => {
  it("is adaptation for the first 30 calendar days, habit until day 90, then established", () => {
    expect(accountPhase(goLive, goLive - 1, "Asia/Shanghai").phase).toBe("adaptation");
    expect(accountPhase(goLive, goLive, "Asia/Shanghai")).toEqual({ phase: "adaptation", goLiveAt: goLive, nextPhaseAt: Date.parse("2026-03-30T16:00:00Z") });
    expect(accountPhase(goLive, Date.parse("2026-03-30T16:00:00Z"), "Asia/Shanghai")).toMatchObject({
      phase: "habit",
      nextPhaseAt: Date.parse("2026-05-29T16:00:00Z"),
    });
    expect(accountPhase(goLive, Date.parse("2026-05-29T16:00:00Z"), "Asia/Shanghai")).toEqual({ phase: "established", goLiveAt: goLive, nextPhaseAt: null });
  });

  it("keeps phase boundaries at local midnight across a DST change", () => {
    const berlin = Date.parse("2026-03-01T23:00:00Z"); // 2 Mar 2026 00:00 CET
    // 30 days later is 1 Apr 00:00 CEST, an hour earlier in UTC than a plain 30 × 24 h.
    expect(accountPhase(berlin, berlin, "Europe/Berlin").nextPhaseAt).toBe(Date.parse("2026-03-31T22:00:00Z"));
  });
});
