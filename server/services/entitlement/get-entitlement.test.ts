import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { computeEntitlement } from "../../../shared/entitlement/compute.ts";
import type { EntitlementInput, Grant } from "../../../shared/entitlement/compute.ts";
import { computeEntitlementMemo } from "./get-entitlement.ts";

const T0 = Date.parse("2026-01-01T00:00:00Z");
const instant = fc.integer({ min: T0, max: T0 + 6e10 });
const grant: fc.Arbitrary<Grant> = fc.oneof(
  fc.record({
    id: fc.string({ maxLength: 3 }),
    type: fc.constant("seats" as const),
    seats: fc.integer({ min: 0, max: 9 }),
    createdAt: instant,
    expiresAt: fc.option(instant),
    voidedAt: fc.option(instant),
  }),
  fc.record({
    id: fc.string({ maxLength: 3 }),
    type: fc.constant("time" as const),
    days: fc.option(fc.integer({ min: 0, max: 60 })),
    hours: fc.option(fc.integer({ min: 0, max: 500 })),
    createdAt: instant,
    voidedAt: fc.option(instant),
  }),
  fc.record({ id: fc.string({ maxLength: 3 }), type: fc.constant("hold" as const), until: instant, createdAt: instant, voidedAt: fc.option(instant) }),
);

describe("computeEntitlementMemo", () => {
  it("answers exactly as computeEntitlement at every instant, boundaries included, once remembered", () => {
    fc.assert(
      fc.property(
        fc.constantFrom("Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Lord_Howe", "Pacific/Apia", "UTC"),
        fc.constantFrom("2026-12-31", "2026-03-29", "2027-02-28", "2026-10-25"),
        fc.integer({ min: 0, max: 200 }),
        fc.array(grant, { maxLength: 4 }),
        fc.integer({ min: 0, max: 60 }),
        fc.array(instant, { minLength: 1, maxLength: 4 }),
        fc.integer({ min: 0, max: 100 }),
        (timezone, endDate, graceHours, grants, reminderWindowDays, nows, seatsUsed) => {
          const base: EntitlementInput = {
            timezone,
            contract: { startDate: "2026-01-01", endDate, seats: 10, graceHours, lockMode: "soft" },
            grants,
            reminderWindowDays,
            seatsUsed,
            now: T0,
          };
          const first = computeEntitlement(base);
          const boundaries = [first.expiringFrom, first.accessEndsAt, first.graceEndsAt].flatMap((at) => [at - 1, at]);
          for (const now of [...nows, ...boundaries]) {
            const input = { ...base, now };
            expect(computeEntitlementMemo(input)).toEqual(computeEntitlement(input));
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it("does not reuse an answer across a changed ledger or contract", () => {
    const input: EntitlementInput = {
      timezone: "Asia/Shanghai",
      contract: { startDate: "2026-01-01", endDate: "2026-12-31", seats: 10, graceHours: 72, lockMode: "soft" },
      grants: [],
      reminderWindowDays: 30,
      seatsUsed: 3,
      now: Date.parse("2026-11-21T08:00:00Z"),
    };
    expect(computeEntitlementMemo(input).accessEndsAt).toBe(Date.parse("2026-12-31T16:00:00.000Z"));
    const gift: Grant = { id: "grt_1", type: "time", days: 7, hours: null, createdAt: input.now, voidedAt: null };
    expect(computeEntitlementMemo({ ...input, grants: [gift] }).accessEndsAt).toBe(Date.parse("2027-01-07T16:00:00.000Z"));
    const renewed = { ...input, contract: { ...input.contract, endDate: "2027-12-31" } };
    expect(computeEntitlementMemo(renewed).contractEndsAt).toBe(Date.parse("2027-12-31T16:00:00.000Z"));
  });
});
