import { describe, expect, it } from "vitest";
import { recommendGift } from "./recommendation.ts";

const base = { activeUsers: 10, licensedSeats: 100, stage: null, firstValueReached: true, hasContract: true };

describe("gift recommendation", () => {
  it("recommends seats at 90 % utilisation, enough to get back to 80 %", () => {
    const r = recommendGift({ ...base, activeUsers: 18, licensedSeats: 20 });
    expect(r).toMatchObject({ kind: "seats", seats: 3 });
    expect(r.reason).toContain("18 of 20");
  });

  it("does not recommend seats at 89 %", () => {
    expect(recommendGift({ ...base, activeUsers: 89, licensedSeats: 100 }).kind).toBe("none");
  });

  it("recommends time for a trial or POC without first value", () => {
    expect(recommendGift({ ...base, stage: "trial", firstValueReached: false })).toMatchObject({ kind: "time", days: 14 });
    expect(recommendGift({ ...base, stage: "POC", firstValueReached: false })).toMatchObject({ kind: "time", days: 14 });
  });

  it("recommends nothing for a trial that reached first value, or a customer in use", () => {
    expect(recommendGift({ ...base, stage: "trial", firstValueReached: true }).kind).toBe("none");
    expect(recommendGift({ ...base, stage: "customer", firstValueReached: false }).kind).toBe("none");
  });

  it("prefers seats over time when a trial is at its cap", () => {
    expect(recommendGift({ ...base, stage: "trial", firstValueReached: false, activeUsers: 10, licensedSeats: 10 }).kind).toBe("seats");
  });

  it("recommends nothing without a contract", () => {
    expect(recommendGift({ ...base, hasContract: false }).kind).toBe("none");
  });
});
