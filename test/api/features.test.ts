import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entitlementResponse } from "../../shared/schemas/accounts.ts";
import { checkResponse } from "../../shared/schemas/features.ts";
import { USAGE_CACHE_TTL_MS } from "../../server/services/usage/usage-cache.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
});
afterEach(async () => ctx.close());

const TEAM = {
  name: "Team",
  features: {
    sso: { type: "boolean" },
    projects: { type: "limit", limit: 10 },
    exports: { type: "metered", limit: 5, event: "export", period: "month", overage: "block" },
    api: { type: "metered", limit: 100, event: "api.call", period: "day", overage: "allow" },
  },
};

async function ok(res: Response, status = 200): Promise<any> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text);
}

async function putPlan(id: string, body: unknown = TEAM): Promise<Response> {
  return ctx.call("PUT", `/v1/plans/${encodeURIComponent(id)}`, { body });
}

async function entitlement(id: string, at?: string): Promise<any> {
  const body = await ok(await ctx.call("GET", `/v1/accounts/${id}/entitlement${at ? `?at=${encodeURIComponent(at)}` : ""}`));
  entitlementResponse.parse(body);
  return body;
}

async function check(id: string, feature: string, extra: { quantity?: number; at?: string } = {}): Promise<any> {
  const query = extra.at ? `?at=${encodeURIComponent(extra.at)}` : "";
  const body = await ok(
    await ctx.call("POST", `/v1/accounts/${id}/check${query}`, { body: { feature, ...(extra.quantity !== undefined ? { quantity: extra.quantity } : {}) } }),
  );
  checkResponse.parse(body);
  return body;
}

async function send(events: Array<Record<string, unknown>>): Promise<any> {
  return ok(await ctx.call("POST", "/v1/events", { body: { events } }), 202);
}

async function teamAccount(id = "acme", contract: Record<string, unknown> = {}): Promise<void> {
  await ok(await putPlan("Team"), 201);
  await seedAccount(
    ctx,
    id,
    { name: "Acme", timezone: "Asia/Shanghai" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", plan: "Team", ...contract },
  );
}

describe("plans", () => {
  it("defines, reads, lists and replaces a plan", async () => {
    const created = await ok(await putPlan("Team"), 201);
    expect(created).toMatchObject({ id: "Team", name: "Team", features: { sso: { type: "boolean" } } });
    const replaced = await ok(await putPlan("Team", { name: "Team 2027", features: { sso: { type: "boolean" } } }));
    expect(replaced.name).toBe("Team 2027");
    await ok(await putPlan("企业版", { name: "Enterprise", features: {} }), 201);
    expect((await ok(await ctx.call("GET", "/v1/plans/Team"))).features).toEqual({ sso: { type: "boolean" } });
    expect((await ok(await ctx.call("GET", `/v1/plans/${encodeURIComponent("企业版")}`))).name).toBe("Enterprise");
    expect((await ok(await ctx.call("GET", "/v1/plans"))).data.map((p: { id: string }) => p.id)).toEqual(["Team", "企业版"]);
    expect((await ctx.call("GET", "/v1/plans/Nope")).status).toBe(404);
  });

  it("keeps each tenant's plans apart", async () => {
    await ok(await putPlan("Team"), 201);
    const other = await ctx.createTenant("Other");
    expect((await ctx.call("GET", "/v1/plans/Team", { key: other.secretKey })).status).toBe(404);
    expect((await ctx.call("GET", "/v1/plans", { key: ctx.tenant.publishableKey })).status).toBe(403);
  });

  it.each([
    ["an unknown feature type", { name: "X", features: { a: { type: "seat-count" } } }, "type must be boolean, limit or metered"],
    ["a negative limit", { name: "X", features: { a: { type: "limit", limit: -1 } } }, "must not be negative"],
    ["a metered feature without an event", { name: "X", features: { a: { type: "metered", limit: 5, period: "month" } } }, "needs the event name"],
    ["an unknown period", { name: "X", features: { a: { type: "metered", limit: 5, event: "e", period: "week" } } }, "period"],
    ["a bad feature key", { name: "X", features: { "a b": { type: "boolean" } } }, "A-Z a-z 0-9"],
    ["no name", { features: {} }, "name"],
  ])("refuses %s with a 400 that writes nothing", async (_what, body, message) => {
    const before = await dbFingerprint(ctx);
    const res = await putPlan("X", body);
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(JSON.parse(text).error).toMatchObject({ code: "validation_failed", requestId: expect.any(String) });
    expect(text).toContain(message);
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("refuses a contract naming an undefined plan, saying how to define it, and writes nothing", async () => {
    await ok(await ctx.call("PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "UTC" } }), 201);
    const before = await dbFingerprint(ctx);
    const res = await ctx.call("PUT", "/v1/accounts/acme/contract", { body: { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31", plan: "Gold" } });
    const body = await res.json();
    expect(res.status).toBe(400);
    expect(body.error.message).toContain("PUT /v1/plans/Gold");
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("gives a contract without a plan no features", async () => {
    await seedAccount(ctx, "free", { name: "Free", timezone: "UTC" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
    expect((await entitlement("free")).features).toEqual({});
    expect(await check("free", "sso")).toEqual({ allowed: false, reason: "not_in_plan" });
  });
});

describe("features in the entitlement", () => {
  it("answers every feature type of the plan, with metered use, remaining and reset time", async () => {
    await teamAccount();
    await send([
      { id: "e1", accountId: "acme", name: "export" },
      { id: "e2", accountId: "acme", name: "export", properties: { quantity: 2 } },
      { id: "a1", accountId: "acme", name: "api.call", properties: { quantity: 40 } },
      { id: "x1", accountId: "acme", name: "something.else" },
    ]);
    const { features } = await entitlement("acme");
    expect(features).toEqual({
      sso: { enabled: true },
      projects: { enabled: true, limit: 10 },
      // Month periods from the term start, 1 Jan: the current one began 1 Nov 00:00 in Shanghai.
      exports: { enabled: true, limit: 5, used: 3, remaining: 2, resetsAt: "2026-11-30T16:00:00.000Z" },
      api: { enabled: true, limit: 100, used: 40, remaining: 60, resetsAt: "2026-11-21T16:00:00.000Z" },
    });
  });

  it("counts a resent event once", async () => {
    await teamAccount();
    const events = [{ id: "e1", accountId: "acme", name: "export", properties: { quantity: 2 } }];
    await send(events);
    expect(await send(events)).toEqual({ accepted: 0, duplicates: 1 });
    expect((await entitlement("acme")).features.exports.used).toBe(2);
  });

  it("applies a plan change to every account on the plan at once", async () => {
    await teamAccount("a");
    await seedAccount(ctx, "b", { name: "B", timezone: "UTC" }, { seats: 3, startDate: "2026-01-01", endDate: "2026-12-31", plan: "Team" });
    await ok(await putPlan("Team", { ...TEAM, features: { ...TEAM.features, projects: { type: "limit", limit: 25 } } }));
    expect((await entitlement("a")).features.projects).toEqual({ enabled: true, limit: 25 });
    expect((await entitlement("b")).features.projects).toEqual({ enabled: true, limit: 25 });
    expect(await check("b", "projects", { quantity: 20 })).toMatchObject({ allowed: true, reason: "ok" });
  });

  it("lets the latest feature grant in force override the plan, until it expires or is revoked", async () => {
    await teamAccount();
    const grant = (body: Record<string, unknown>) => ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "feature", reason: "pilot", ...body } });
    await ok(await grant({ feature: "sso", enabled: false }), 201);
    expect((await entitlement("acme")).features.sso).toEqual({ enabled: false });
    ctx.clock.now += 1000;
    const reenabled = await ok(await grant({ feature: "sso", enabled: true, expiresAt: "2026-11-25T00:00:00Z" }), 201);
    expect(reenabled).toMatchObject({ type: "feature", feature: "sso", enabled: true, expiresAt: "2026-11-25T00:00:00.000Z" });
    expect((await entitlement("acme")).features.sso).toEqual({ enabled: true });
    // When the later grant expires, the earlier one is in force again.
    expect((await entitlement("acme", "2026-11-25T00:00:00Z")).features.sso).toEqual({ enabled: false });
    const raised = await ok(await grant({ feature: "exports", limit: 50 }), 201);
    expect((await entitlement("acme")).features.exports).toMatchObject({ limit: 50, remaining: 50 });
    await ok(await grant({ feature: "beta", enabled: true }), 201);
    expect((await entitlement("acme")).features.beta).toEqual({ enabled: true });
    ctx.clock.now += 1000;
    const revoked = await ok(await ctx.call("POST", `/v1/accounts/acme/grants/${raised.id}/revoke`, { body: { reason: "pilot over" } }), 201);
    expect(revoked).toMatchObject({ type: "revoke", revokes: raised.id, feature: "exports" });
    expect((await entitlement("acme")).features.exports.limit).toBe(5);
    expect((await ctx.call("POST", `/v1/accounts/acme/grants/${raised.id}/revoke`, { body: { reason: "again" } })).status).toBe(409);
    const ledger = await ok(await ctx.call("GET", "/v1/accounts/acme/grants"));
    expect(ledger.data.map((g: { type: string }) => g.type)).toEqual(["feature", "feature", "feature", "feature", "revoke"]);
  });

  it("refuses bad feature grants with a 4xx that writes nothing", async () => {
    await teamAccount();
    const before = await dbFingerprint(ctx);
    for (const body of [
      { type: "feature", feature: "sso", reason: "x" },
      { type: "feature", feature: "sso", enabled: true, limit: 3, reason: "x" },
      { type: "feature", feature: "sso", limit: -3, reason: "x" },
      { type: "feature", feature: "sso", enabled: true, reason: "x", expiresAt: "2020-01-01T00:00:00Z" },
      { type: "feature", feature: "sso", enabled: true },
    ]) {
      const res = await ctx.call("POST", "/v1/accounts/acme/grants", { body });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect((await res.json()).error.code).toBe("validation_failed");
    }
    expect((await ctx.call("POST", "/v1/accounts/acme/grants/grt_nope/revoke", { body: { reason: "x" } })).status).toBe(404);
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});

describe("POST /v1/accounts/{id}/check", () => {
  it("answers each reason: ok, not_in_plan, disabled, limit_reached, locked", async () => {
    await teamAccount();
    expect(await check("acme", "sso")).toEqual({ allowed: true, reason: "ok" });
    expect(await check("acme", "audit-log")).toEqual({ allowed: false, reason: "not_in_plan" });
    await ok(await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "feature", feature: "sso", enabled: false, reason: "security review" } }), 201);
    expect(await check("acme", "sso")).toEqual({ allowed: false, reason: "disabled" });
    expect(await check("acme", "projects", { quantity: 10 })).toEqual({ allowed: true, reason: "ok", limit: 10 });
    expect(await check("acme", "projects", { quantity: 11 })).toEqual({ allowed: false, reason: "limit_reached", limit: 10 });
    await send([{ id: "e1", accountId: "acme", name: "export", properties: { quantity: 4 } }]);
    expect(await check("acme", "exports")).toEqual({ allowed: true, reason: "ok", limit: 5, used: 4, remaining: 1, resetsAt: "2026-11-30T16:00:00.000Z" });
    expect(await check("acme", "exports", { quantity: 2 })).toMatchObject({ allowed: false, reason: "limit_reached", used: 4, remaining: 1 });
    // Overage "allow": past the limit is still allowed, and says so in the numbers.
    await send([{ id: "a1", accountId: "acme", name: "api.call", properties: { quantity: 150 } }]);
    expect(await check("acme", "api")).toMatchObject({ allowed: true, reason: "ok", used: 150, remaining: 0 });
    // Locked from graceEndsAt on (72 h default grace after 2026-12-31T16:00Z).
    expect(await check("acme", "sso", { at: "2027-01-03T16:00:00Z" })).toMatchObject({ allowed: false, reason: "locked" });
    expect(await check("acme", "exports", { at: "2027-01-03T15:59:59.999Z" })).toMatchObject({ allowed: true, reason: "ok" });
  });

  it("refuses bad checks with a 4xx", async () => {
    await teamAccount();
    for (const body of [{}, { feature: "" }, { feature: "sso", quantity: -1 }, { feature: "sso", extra: 1 }]) {
      expect((await ctx.call("POST", "/v1/accounts/acme/check", { body })).status, JSON.stringify(body)).toBe(400);
    }
    expect((await ctx.call("POST", "/v1/accounts/acme/check?at=yesterday", { body: { feature: "sso" } })).status).toBe(400);
    expect((await ctx.call("POST", "/v1/accounts/nobody/check", { body: { feature: "sso" } })).status).toBe(404);
  });
});

describe("metered totals kept in this process", () => {
  it("count an event acknowledged here on the very next check, and another process's within the bound", async () => {
    await teamAccount();
    // The first reads keep the totals (0) in memory.
    expect(await check("acme", "exports")).toMatchObject({ used: 0 });
    expect((await entitlement("acme")).features.exports).toMatchObject({ used: 0 });
    await send([{ id: "x1", accountId: "acme", name: "export", properties: { quantity: 3 } }]);
    expect(await check("acme", "exports")).toMatchObject({ used: 3, remaining: 2 });
    expect((await entitlement("acme")).features.exports).toMatchObject({ used: 3 });
    // A rollup written behind this process's back (another instance's ingestion).
    await ctx.client.execute("UPDATE usage_daily SET count = count + 1 WHERE kind = 'event' AND key = 'export'");
    ctx.clock.now += USAGE_CACHE_TTL_MS;
    expect(await check("acme", "exports")).toMatchObject({ used: 4, remaining: 1 });
    // A resent event is a duplicate: stored once, counted once.
    await send([{ id: "x1", accountId: "acme", name: "export", properties: { quantity: 3 } }]);
    expect(await check("acme", "exports")).toMatchObject({ used: 4 });
  });
});

describe("monthly metering in the account's zone", () => {
  const monthly = { name: "M", features: { exports: { type: "metered", limit: 100, event: "export", period: "month", overage: "block" } } };

  it.each([
    // A term starting 31 Jan resets on 28 Feb (clamped) and again on 31 Mar, at local midnight.
    ["America/Santiago", "2027-01-31T03:00:00.000Z", "2027-02-28T03:00:00.000Z", "2027-03-31T03:00:00.000Z"],
    ["Pacific/Chatham", "2027-01-30T10:15:00.000Z", "2027-02-27T10:15:00.000Z", "2027-03-30T10:15:00.000Z"],
  ])("resets a term starting on the 31st exactly at local midnight in %s", async (zone, janStart, febReset, marReset) => {
    ctx.clock.now = Date.parse("2027-02-01T12:00:00Z");
    await ok(await putPlan("M", monthly), 201);
    await seedAccount(ctx, "acct", { name: "Zone", timezone: zone }, { seats: 5, startDate: "2027-01-31", endDate: "2028-01-30", plan: "M" });
    await send([
      { id: "jan", accountId: "acct", name: "export", timestamp: janStart, properties: { quantity: 7 } },
      { id: "before-jan", accountId: "acct", name: "export", timestamp: new Date(Date.parse(janStart) - 1).toISOString() },
    ]);
    const inJan = (await entitlement("acct")).features.exports;
    expect(inJan).toMatchObject({ used: 7, remaining: 93, resetsAt: febReset });
    expect((await entitlement("acct", new Date(Date.parse(febReset) - 1).toISOString())).features.exports).toMatchObject({ used: 7, resetsAt: febReset });
    const inFeb = (await entitlement("acct", febReset)).features.exports;
    expect(inFeb).toMatchObject({ used: 0, remaining: 100, resetsAt: marReset });
    expect(await check("acct", "exports", { at: febReset })).toMatchObject({ allowed: true, used: 0, resetsAt: marReset });
  });
});
