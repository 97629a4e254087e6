import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entitlementResponse } from "../../shared/schemas/accounts.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
});
afterEach(async () => ctx.close());

async function entitlement(id: string, at?: string): Promise<Record<string, any>> {
  const res = await ctx.call("GET", `/v1/accounts/${id}/entitlement${at ? `?at=${encodeURIComponent(at)}` : ""}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text);
  entitlementResponse.parse(body);
  return body;
}

describe("GET /v1/accounts/{id}/entitlement", () => {
  it("keeps the whole last day in Asia/Shanghai and ends at the next local midnight", async () => {
    await seedAccount(
      ctx,
      "acme-cn",
      { name: "Acme CN", timezone: "Asia/Shanghai" },
      { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", graceHours: 72 },
    );
    const body = await entitlement("acme-cn");
    expect(body.contractEndsAt).toBe("2026-12-31T16:00:00.000Z");
    expect(body.accessEndsAt).toBe("2026-12-31T16:00:00.000Z");
    expect(body.graceEndsAt).toBe("2027-01-03T16:00:00.000Z");
    expect(body.timezone).toBe("Asia/Shanghai");
    expect((await entitlement("acme-cn", "2026-12-31T15:59:59.999Z")).state).toBe("expiring");
    expect((await entitlement("acme-cn", "2026-12-31T16:00:00.000Z")).state).toBe("grace");
    expect((await entitlement("acme-cn", "2027-01-03T15:59:59.999Z")).state).toBe("grace");
    expect((await entitlement("acme-cn", "2027-01-03T16:00:00.000Z")).state).toBe("locked");
  });

  it("ends a term whose last day is 2026-09-05 in America/Santiago at the first instant of 6 September that exists", async () => {
    await seedAccount(ctx, "cl", { name: "Chile SpA", timezone: "America/Santiago" }, { seats: 5, startDate: "2025-09-06", endDate: "2026-09-05" });
    const body = await entitlement("cl");
    // Local midnight of 6 Sept does not exist there (clocks jump 00:00 → 01:00, -04 → -03).
    expect(body.contractEndsAt).toBe("2026-09-06T04:00:00.000Z");
  });

  it("flips from active to expiring exactly when the reminder window opens", async () => {
    await seedAccount(ctx, "us", { name: "US Inc", timezone: "America/New_York" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
    const body = await entitlement("us");
    expect(body.state).toBe("active");
    // 30 calendar days before 2027-01-01T00:00-05:00.
    expect(body.expiringFrom).toBe("2026-12-02T05:00:00.000Z");
    expect(body.nextChangeAt).toBe("2026-12-02T05:00:00.000Z");
    expect((await entitlement("us", "2026-12-02T04:59:59.999Z")).state).toBe("active");
    expect((await entitlement("us", "2026-12-02T05:00:00.000Z")).state).toBe("expiring");
  });

  it("uses the tenant's default grace and lock mode unless the contract overrides them", async () => {
    await seedAccount(ctx, "a", { name: "A", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-01-31" });
    await seedAccount(ctx, "b", { name: "B", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-01-31", graceHours: 0, lockMode: "hard" });
    const a = await entitlement("a");
    expect([a.graceEndsAt, a.lockMode, a.state]).toEqual(["2026-02-04T00:00:00.000Z", "soft", "locked"]);
    const b = await entitlement("b", "2026-02-01T00:00:00.000Z");
    expect([b.graceEndsAt, b.lockMode, b.state, b.readOnly]).toEqual(["2026-02-01T00:00:00.000Z", "hard", "locked", true]);
  });

  it("tells the host to disable writes only for a read-only lock", async () => {
    await seedAccount(ctx, "ro", { name: "RO", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-01-31", lockMode: "read_only" });
    expect((await entitlement("ro")).readOnly).toBe(true);
    expect((await entitlement("ro", "2026-01-15T00:00:00Z")).readOnly).toBe(false);
  });

  it("moves a term's end when the account's time zone changes", async () => {
    await seedAccount(ctx, "tz", { name: "TZ", timezone: "Asia/Shanghai" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" });
    await ctx.call("PUT", "/v1/accounts/tz", { body: { name: "TZ", timezone: "Pacific/Kiritimati" } });
    expect((await entitlement("tz")).contractEndsAt).toBe("2026-12-31T10:00:00.000Z");
  });
});

describe("grants", () => {
  beforeEach(async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 200, startDate: "2026-01-01", endDate: "2026-12-31" });
  });

  it("extends access with a time gift but never moves the contract end", async () => {
    const res = await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", days: 14, reason: "migration delay" } });
    expect(res.status, await res.text()).toBe(201);
    const body = await entitlement("acme");
    expect(body.contractEndsAt).toBe("2026-12-31T16:00:00.000Z");
    expect(body.accessEndsAt).toBe("2027-01-14T16:00:00.000Z");
  });

  it("adds absolute hours for an hours gift", async () => {
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", hours: 36, reason: "outage credit" } });
    expect((await entitlement("acme")).accessEndsAt).toBe("2027-01-02T04:00:00.000Z");
  });

  it("counts bonus seats into licensed seats without touching the term", async () => {
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 10, reason: "buy 200, get 10" } });
    const body = await entitlement("acme");
    expect(body.seats).toEqual({ purchased: 200, bonus: 10, licensed: 210, used: 0, policy: "allow", limit: null, overage: 0 });
    expect(body.contractEndsAt).toBe("2026-12-31T16:00:00.000Z");
  });

  it("drops expired bonus seats at their expiry", async () => {
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 5, reason: "pilot", expiresAt: "2026-12-01T00:00:00Z" } });
    expect((await entitlement("acme", "2026-11-30T23:59:59.999Z")).seats.bonus).toBe(5);
    expect((await entitlement("acme", "2026-12-01T00:00:00.000Z")).seats.bonus).toBe(0);
  });

  it("lists the ledger with type, amount, reason, who and when", async () => {
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 10, reason: "buy 200, get 10" } });
    ctx.clock.now += 1000;
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", days: 7, reason: "sorry" } });
    const res = await ctx.call("GET", "/v1/accounts/acme/grants");
    const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };
    expect(data.map((g) => [g.type, g.seats ?? g.days, g.reason])).toEqual([
      ["seats", 10, "buy 200, get 10"],
      ["time", 7, "sorry"],
    ]);
    expect(data[0]!.createdBy).toMatch(/^key_/);
    expect(data[0]!.createdAt).toBe("2026-11-21T08:00:00.000Z");
  });

  it("refuses a grant before the account has a contract", async () => {
    await ctx.call("PUT", "/v1/accounts/new", { body: { name: "New", timezone: "UTC" } });
    const res = await ctx.call("POST", "/v1/accounts/new/grants", { body: { type: "seats", seats: 1, reason: "x" } });
    expect(res.status, await res.text()).toBe(409);
  });
});
