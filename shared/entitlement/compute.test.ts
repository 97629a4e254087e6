import { describe, expect, it } from "vitest";
import { computeEntitlement, contractEndsAt } from "./compute.ts";
import type { ContractTerm, Entitlement, EntitlementInput, Grant } from "./compute.ts";
import type { EntitlementState } from "./timeline.ts";

const ms = Date.parse;

function iso(instant: number | null): string | null {
  return instant === null ? null : new Date(instant).toISOString();
}

const contract: ContractTerm = { startDate: "2026-01-01", endDate: "2026-12-31", seats: 200, graceHours: 72, lockMode: "soft" };

function entitlement(overrides: Partial<Omit<EntitlementInput, "contract">> & { contract?: Partial<ContractTerm> }): Entitlement {
  return computeEntitlement({
    timezone: "Asia/Shanghai",
    grants: [],
    reminderWindowDays: 30,
    seatsUsed: 150,
    now: ms("2026-06-01T00:00:00.000Z"),
    ...overrides,
    contract: { ...contract, ...overrides.contract },
  });
}

function timeGrant(id: string, createdAt: string, amount: { days?: number; hours?: number }, voidedAt: number | null = null): Grant {
  return { id, type: "time", days: amount.days ?? null, hours: amount.hours ?? null, createdAt: ms(createdAt), voidedAt };
}

function ends(result: Entitlement): Record<string, string | null> {
  return {
    contractEndsAt: iso(result.contractEndsAt),
    expiringFrom: iso(result.expiringFrom),
    accessEndsAt: iso(result.accessEndsAt),
    graceEndsAt: iso(result.graceEndsAt),
  };
}

describe("computeEntitlement, the contract alone", () => {
  it("keeps the whole last day in Asia/Shanghai", () => {
    const lastMoment = entitlement({ now: ms("2026-12-31T15:59:59.999Z") });
    expect(ends(lastMoment)).toEqual({
      contractEndsAt: "2026-12-31T16:00:00.000Z",
      expiringFrom: "2026-12-01T16:00:00.000Z",
      accessEndsAt: "2026-12-31T16:00:00.000Z",
      graceEndsAt: "2027-01-03T16:00:00.000Z",
    });
    expect(lastMoment.state).toBe("expiring");
    expect(iso(lastMoment.nextChangeAt)).toBe("2026-12-31T16:00:00.000Z");
    expect(entitlement({ now: ms("2026-12-30T16:00:00.000Z") }).state).toBe("expiring");
  });

  it("walks through active, expiring, grace and locked with the next change each time", () => {
    const at = (now: string): [EntitlementState, string | null] => {
      const result = entitlement({ now: ms(now) });
      return [result.state, iso(result.nextChangeAt)];
    };
    expect(at("2026-12-01T15:59:59.999Z")).toEqual(["active", "2026-12-01T16:00:00.000Z"]);
    expect(at("2026-12-01T16:00:00.000Z")).toEqual(["expiring", "2026-12-31T16:00:00.000Z"]);
    expect(at("2026-12-31T16:00:00.000Z")).toEqual(["grace", "2027-01-03T16:00:00.000Z"]);
    expect(at("2027-01-03T16:00:00.000Z")).toEqual(["locked", null]);
  });

  it("counts the reminder window in calendar days across a DST change", () => {
    const result = entitlement({ timezone: "America/New_York", contract: { endDate: "2026-11-30" } });
    expect(iso(result.accessEndsAt)).toBe("2026-12-01T05:00:00.000Z");
    // 1 Nov 00:00 is still EDT (−04); thirty 24-hour days would have said 05:00Z.
    expect(iso(result.expiringFrom)).toBe("2026-11-01T04:00:00.000Z");
  });

  it("counts grace in absolute hours across a DST change", () => {
    const result = entitlement({ timezone: "America/New_York", contract: { endDate: "2026-10-31", graceHours: 48 } });
    expect(iso(result.accessEndsAt)).toBe("2026-11-01T04:00:00.000Z");
    expect(iso(result.graceEndsAt)).toBe("2026-11-03T04:00:00.000Z");
  });

  it("reports the lock mode, the zone and the seats", () => {
    const result = entitlement({ contract: { lockMode: "read_only" } });
    expect(result.lockMode).toBe("read_only");
    expect(result.timezone).toBe("Asia/Shanghai");
    expect(result.seats).toEqual({ purchased: 200, bonus: 0, licensed: 200, used: 150 });
  });

  it("treats a negative grace or reminder window as none, so no state is skipped", () => {
    const result = entitlement({ reminderWindowDays: -5, contract: { graceHours: -10 } });
    expect(result.expiringFrom).toBe(result.accessEndsAt);
    expect(result.graceEndsAt).toBe(result.accessEndsAt);
  });

  it("refuses an end date that is not a calendar date", () => {
    expect(() => contractEndsAt("2026-02-30", "UTC")).toThrow(RangeError);
    expect(() => entitlement({ contract: { endDate: "31/12/2026" } })).toThrow(RangeError);
  });
});

describe("computeEntitlement, time grants", () => {
  it("extends access by calendar days across DST without moving the contract end", () => {
    const result = entitlement({
      timezone: "America/New_York",
      contract: { endDate: "2026-03-01" },
      grants: [timeGrant("g1", "2026-02-15T12:00:00.000Z", { days: 7 })],
    });
    expect(iso(result.contractEndsAt)).toBe("2026-03-02T05:00:00.000Z");
    expect(iso(result.accessEndsAt)).toBe("2026-03-09T04:00:00.000Z"); // 9 Mar 00:00 EDT
  });

  it("extends access by absolute hours across DST", () => {
    const result = entitlement({
      timezone: "America/New_York",
      contract: { endDate: "2026-03-01" },
      grants: [timeGrant("g1", "2026-02-15T12:00:00.000Z", { hours: 168 })],
    });
    expect(iso(result.contractEndsAt)).toBe("2026-03-02T05:00:00.000Z");
    expect(iso(result.accessEndsAt)).toBe("2026-03-09T05:00:00.000Z"); // 9 Mar 01:00 EDT
  });

  it("keeps local midnight when a days grant ends on a day whose midnight is a DST gap", () => {
    const zone = "America/Santiago";
    const withDays = (days: number): string | null =>
      iso(entitlement({ timezone: zone, contract: { endDate: "2026-08-31" }, grants: [timeGrant("g1", "2026-08-01T00:00:00.000Z", { days })] }).accessEndsAt);
    expect(withDays(5)).toBe("2026-09-06T04:00:00.000Z"); // 6 Sep starts 01:00 −03
    expect(withDays(6)).toBe("2026-09-07T03:00:00.000Z"); // 7 Sep 00:00 −03
  });

  it("applies days then hours when a later hours grant follows into a gap day", () => {
    const result = entitlement({
      timezone: "America/Santiago",
      contract: { endDate: "2026-08-31" },
      grants: [timeGrant("g2", "2026-08-02T00:00:00.000Z", { hours: 24 }), timeGrant("g1", "2026-08-01T00:00:00.000Z", { days: 5 })],
    });
    expect(iso(result.accessEndsAt)).toBe("2026-09-07T04:00:00.000Z");
  });

  it("applies grants in the order they were given, not the order they are listed", () => {
    const zone = "America/New_York"; // ends at 8 Mar 00:00 EST, the day clocks skip 02:00–03:00
    const hoursFirst = entitlement({
      timezone: zone,
      contract: { endDate: "2026-03-07" },
      grants: [timeGrant("b", "2026-03-02T00:00:00.000Z", { days: 1 }), timeGrant("a", "2026-03-01T00:00:00.000Z", { hours: 3 })],
    });
    const daysFirst = entitlement({
      timezone: zone,
      contract: { endDate: "2026-03-07" },
      grants: [timeGrant("b", "2026-03-01T00:00:00.000Z", { days: 1 }), timeGrant("a", "2026-03-02T00:00:00.000Z", { hours: 3 })],
    });
    expect(iso(hoursFirst.accessEndsAt)).toBe("2026-03-09T08:00:00.000Z"); // 8 Mar 04:00 EDT, then a day later
    expect(iso(daysFirst.accessEndsAt)).toBe("2026-03-09T07:00:00.000Z"); // 9 Mar 00:00 EDT, then 3 hours
  });

  it("starts a gift to a lapsed account when it is given, not at the old end", () => {
    const result = entitlement({
      timezone: "UTC",
      contract: { endDate: "2025-12-31" },
      grants: [timeGrant("g1", "2026-02-10T09:30:00.000Z", { days: 7 })],
      now: ms("2026-02-10T09:30:00.000Z"),
    });
    expect(iso(result.contractEndsAt)).toBe("2026-01-01T00:00:00.000Z");
    expect(iso(result.accessEndsAt)).toBe("2026-02-17T09:30:00.000Z");
    expect(iso(result.graceEndsAt)).toBe("2026-02-20T09:30:00.000Z");
    expect(result.state).toBe("expiring");
  });

  it("starts a gift given during grace when it is given", () => {
    const result = entitlement({ timezone: "UTC", contract: { endDate: "2025-12-31" }, grants: [timeGrant("g1", "2026-01-02T00:00:00.000Z", { hours: 48 })] });
    expect(iso(result.accessEndsAt)).toBe("2026-01-04T00:00:00.000Z");
  });

  it("adds a gift given before the end to the end", () => {
    const result = entitlement({ timezone: "UTC", contract: { endDate: "2025-12-31" }, grants: [timeGrant("g1", "2025-12-01T08:00:00.000Z", { hours: 48 })] });
    expect(iso(result.accessEndsAt)).toBe("2026-01-03T00:00:00.000Z");
  });

  it("stacks consecutive gifts", () => {
    const result = entitlement({
      grants: [timeGrant("g1", "2026-05-01T00:00:00.000Z", { days: 10 }), timeGrant("g2", "2026-05-02T00:00:00.000Z", { days: 5 })],
    });
    expect(iso(result.contractEndsAt)).toBe("2026-12-31T16:00:00.000Z");
    expect(iso(result.accessEndsAt)).toBe("2027-01-15T16:00:00.000Z");
  });

  it("counts both amounts when one grant carries days and hours", () => {
    const result = entitlement({ grants: [timeGrant("g1", "2026-05-01T00:00:00.000Z", { days: 1, hours: 6 })] });
    expect(iso(result.accessEndsAt)).toBe("2027-01-01T22:00:00.000Z");
  });

  it("does not reopen a lapsed account for a grant of nothing", () => {
    const empty = entitlement({
      timezone: "UTC",
      contract: { endDate: "2025-12-31" },
      grants: [timeGrant("g1", "2026-03-01T00:00:00.000Z", { hours: 0 }), timeGrant("g2", "2026-03-01T00:00:00.000Z", {})],
      now: ms("2026-03-01T00:00:00.000Z"),
    });
    expect(iso(empty.accessEndsAt)).toBe("2026-01-01T00:00:00.000Z");
    expect(empty.state).toBe("locked");
  });

  it("ignores voided grants of every kind", () => {
    const voided = ms("2026-05-05T00:00:00.000Z");
    const result = entitlement({
      grants: [
        timeGrant("g1", "2026-05-01T00:00:00.000Z", { days: 30 }, voided),
        { id: "g2", type: "hold", until: ms("2027-02-01T00:00:00.000Z"), createdAt: ms("2026-05-01T00:00:00.000Z"), voidedAt: voided },
        { id: "g3", type: "seats", seats: 20, createdAt: ms("2026-05-01T00:00:00.000Z"), expiresAt: null, voidedAt: voided },
      ],
    });
    expect(ends(result)).toEqual(ends(entitlement({})));
    expect(result.seats.bonus).toBe(0);
  });
});

describe("computeEntitlement, holds and seats", () => {
  const hold = (until: string): Grant => ({ id: "h1", type: "hold", until: ms(until), createdAt: ms("2026-07-01T10:00:00.000Z"), voidedAt: null });

  it("holds access for a pending renewal until the hold ends, then grace follows", () => {
    const result = entitlement({
      timezone: "UTC",
      contract: { endDate: "2026-06-30" },
      grants: [hold("2026-07-02T10:00:00.000Z")],
      now: ms("2026-07-01T10:00:00.000Z"),
    });
    expect(iso(result.contractEndsAt)).toBe("2026-07-01T00:00:00.000Z");
    expect(iso(result.accessEndsAt)).toBe("2026-07-02T10:00:00.000Z");
    expect(iso(result.graceEndsAt)).toBe("2026-07-05T10:00:00.000Z");
    expect(result.state).toBe("expiring");
  });

  it("does not shorten access with a hold that ends before it", () => {
    const result = entitlement({ timezone: "UTC", contract: { endDate: "2026-06-30" }, grants: [hold("2026-06-15T00:00:00.000Z")] });
    expect(iso(result.accessEndsAt)).toBe("2026-07-01T00:00:00.000Z");
  });

  it("adds bonus seats until they expire, to the millisecond, without touching time", () => {
    const grants: Grant[] = [
      { id: "s1", type: "seats", seats: 10, createdAt: ms("2026-01-10T00:00:00.000Z"), expiresAt: ms("2026-07-01T00:00:00.000Z"), voidedAt: null },
      { id: "s2", type: "seats", seats: 5, createdAt: ms("2026-02-10T00:00:00.000Z"), expiresAt: null, voidedAt: null },
    ];
    const before = entitlement({ grants, now: ms("2026-06-30T23:59:59.999Z") });
    const after = entitlement({ grants, now: ms("2026-07-01T00:00:00.000Z") });
    expect(before.seats).toEqual({ purchased: 200, bonus: 15, licensed: 215, used: 150 });
    expect(after.seats).toEqual({ purchased: 200, bonus: 5, licensed: 205, used: 150 });
    expect(ends(after)).toEqual(ends(entitlement({})));
  });
});
