import { describe, expect, it } from "vitest";
import { computeEntitlement } from "../entitlement/compute.ts";
import type { Grant } from "../entitlement/compute.ts";
import { explainEntitlement } from "./explain.ts";

describe("explain this date", () => {
  it("shows each time grant's step and keeps the contract end where it is", () => {
    const grants: Grant[] = [
      { id: "g1", type: "time", days: 30, hours: null, createdAt: Date.parse("2026-10-01T00:00:00Z"), voidedAt: null },
      { id: "g2", type: "time", days: null, hours: 36, createdAt: Date.parse("2026-10-02T00:00:00Z"), voidedAt: null },
      { id: "g3", type: "time", days: 99, hours: null, createdAt: Date.parse("2026-10-03T00:00:00Z"), voidedAt: Date.parse("2026-10-04T00:00:00Z") },
    ];
    const entitlement = computeEntitlement({
      timezone: "Asia/Shanghai",
      contract: { startDate: "2026-01-01", endDate: "2026-12-31", seats: 10, graceHours: 72, lockMode: "soft" },
      grants,
      reminderWindowDays: 30,
      seatsUsed: 0,
      now: Date.parse("2026-11-01T00:00:00Z"),
    });
    const explained = explainEntitlement({ entitlement, endDate: "2026-12-31", timezone: "Asia/Shanghai", graceHours: 72, reminderWindowDays: 30, grants });
    const byKey = Object.fromEntries(explained.map((e) => [e.key, e]));
    expect(new Date(byKey.contractEndsAt!.at).toISOString()).toBe("2026-12-31T16:00:00.000Z");
    expect(byKey.accessEndsAt!.steps.map((s) => [s.grantId, new Date(s.endsAt).toISOString()])).toEqual([
      ["g1", "2027-01-30T16:00:00.000Z"],
      ["g2", "2027-02-01T04:00:00.000Z"],
    ]);
    expect(byKey.accessEndsAt!.at).toBe(entitlement.accessEndsAt);
    expect(new Date(byKey.graceEndsAt!.at).toISOString()).toBe("2027-02-04T04:00:00.000Z");
  });
});
