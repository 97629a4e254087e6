import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { ACCOUNT_CACHE_TTL_MS } from "../../server/services/entitlement/account-cache.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

interface EntitlementBody {
  state: string;
  accessEndsAt: string;
  timezone: string;
  seats: { purchased: number; bonus: number; licensed: number; used: number };
}

async function entitlement(): Promise<EntitlementBody> {
  const res = await ctx.call("GET", "/v1/accounts/acme/entitlement");
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text) as EntitlementBody;
}

async function bootstrap(sub: string): Promise<Response> {
  const userToken = await signUserToken({ sub, acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  return ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
  });
}

describe("hot reads from the per-account copy", () => {
  it("see a grant, a contract change and an account change on the very next read", async () => {
    expect((await entitlement()).seats.licensed).toBe(10);
    expect((await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 5, reason: "gift" } })).status).toBe(201);
    expect((await entitlement()).seats).toMatchObject({ bonus: 5, licensed: 15 });
    expect((await ctx.call("PUT", "/v1/accounts/acme/contract", { body: { seats: 20, startDate: "2026-01-01", endDate: "2027-06-30" } })).status).toBeLessThan(
      300,
    );
    const after = await entitlement();
    expect(after.seats.purchased).toBe(20);
    expect(after.accessEndsAt).toBe("2027-06-30T16:00:00.000Z");
    expect((await ctx.call("PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "Europe/Berlin" } })).status).toBe(200);
    expect((await entitlement()).timezone).toBe("Europe/Berlin");
  });

  it("count a user's new seat on the next entitlement read", async () => {
    expect((await entitlement()).seats.used).toBe(0);
    expect((await bootstrap("u1")).status).toBe(200);
    expect((await entitlement()).seats.used).toBe(1);
    const res = await bootstrap("u2");
    expect(((await res.json()) as { seats: { used: number } }).seats.used).toBe(2);
  });

  it("computes the state at the instant of each read, not at the instant it was read from the database", async () => {
    ctx.clock.now = Date.parse("2026-12-31T15:59:59.000Z");
    expect((await entitlement()).state).toBe("expiring");
    ctx.clock.now += 1_000;
    expect((await entitlement()).state).not.toBe("expiring");
  });

  it("never serves a kept answer past an instant that changes it, however soon after it was kept", async () => {
    // Both instants fall well inside the copy's one-second bound.
    ctx.clock.now = Date.parse("2026-12-31T15:59:59.900Z");
    expect((await entitlement()).state).toBe("expiring");
    ctx.clock.now += 200;
    expect((await entitlement()).state).toBe("grace");
    const expiresAt = ctx.clock.now + 300;
    const grant = await ctx.call("POST", "/v1/accounts/acme/grants", {
      body: { type: "seats", seats: 5, reason: "gift", expiresAt: new Date(expiresAt).toISOString() },
    });
    expect(grant.status, await grant.clone().text()).toBe(201);
    ctx.clock.now = expiresAt - 100;
    expect((await entitlement()).seats.bonus).toBe(5);
    ctx.clock.now = expiresAt;
    expect((await entitlement()).seats.bonus).toBe(0);
  });

  it("sees a write made behind its back (another process) once the copy is older than its bound", async () => {
    expect((await entitlement()).seats.purchased).toBe(10);
    await ctx.client.execute("UPDATE contract_terms SET seats = 42");
    ctx.clock.now += ACCOUNT_CACHE_TTL_MS;
    expect((await entitlement()).seats.purchased).toBe(42);
  });

  it("answers 404 for an account created after a miss, once it exists", async () => {
    expect((await ctx.call("GET", "/v1/accounts/later/entitlement")).status).toBe(404);
    await seedAccount(ctx, "later", { name: "Later", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" });
    expect((await ctx.call("GET", "/v1/accounts/later/entitlement")).status).toBe(200);
  });

  it("carries a request id on hot answers and their errors", async () => {
    const ok = await ctx.call("GET", "/v1/accounts/acme/entitlement");
    expect(ok.headers.get("x-request-id")).toMatch(/^req_/);
    expect(ok.headers.get("content-type")).toMatch(/^application\/json/);
    const health = await ctx.app.request("/healthz");
    expect(health.headers.get("x-request-id")).toMatch(/^req_/);
    expect(await health.json()).toEqual({ ok: true });
    const missing = await ctx.call("GET", "/v1/accounts/nope/entitlement");
    const body = (await missing.json()) as { error: { requestId: string } };
    expect(missing.status).toBe(404);
    expect(missing.headers.get("x-request-id")).toBe(body.error.requestId);
    const unauthorized = await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: null });
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get("x-request-id")).toMatch(/^req_/);
  });
});
