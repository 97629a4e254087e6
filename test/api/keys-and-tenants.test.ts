import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { rotateKey } from "../../server/services/tenants/rotate-key.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

async function errorOf(res: Response): Promise<{ status: number; code: string; message: string }> {
  const body = (await res.json()) as { error: { code: string; message: string } };
  return { status: res.status, code: body.error.code, message: body.error.message };
}

describe("secret keys", () => {
  it("refuses a request without a key", async () => {
    expect(await errorOf(await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: null }))).toMatchObject({ status: 401, code: "unauthorized" });
  });

  it("refuses a forged secret key", async () => {
    const forged = `sk_${"A".repeat(43)}`;
    expect(await errorOf(await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: forged }))).toMatchObject({ status: 401 });
  });

  it("refuses a publishable key on a server route", async () => {
    const res = await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: ctx.tenant.publishableKey });
    expect(await errorOf(res)).toMatchObject({ status: 403, code: "forbidden" });
  });

  it("refuses a publishable key on a write and writes nothing", async () => {
    const before = await dbFingerprint(ctx);
    const res = await ctx.call("PUT", "/v1/accounts/evil", { key: ctx.tenant.publishableKey, body: { name: "Evil", timezone: "UTC" } });
    expect(res.status).toBe(403);
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("stops accepting a rotated-out key and accepts the new one", async () => {
    const { key } = await rotateKey(ctx.db, { tenantId: ctx.tenant.tenantId, kind: "secret", now: ctx.clock.now });
    // A fresh process, as the CLI's rotation reaches a running server within the key cache's lifetime.
    const app = createApp({ db: ctx.db, clock: () => ctx.clock.now });
    const old = await app.request("/v1/accounts/acme", { headers: { authorization: `Bearer ${ctx.tenant.secretKey}` } });
    expect(old.status).toBe(401);
    const fresh = await app.request("/v1/accounts/acme", { headers: { authorization: `Bearer ${key}` } });
    expect(fresh.status, await fresh.text()).toBe(200);
  });
});

describe("tenant isolation", () => {
  it("answers 404 for another tenant's account, exactly as for one that does not exist", async () => {
    const other = await ctx.createTenant("Other Vendor");
    const theirs = await errorOf(await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: other.secretKey }));
    const missing = await errorOf(await ctx.call("GET", "/v1/accounts/nobody/entitlement", { key: other.secretKey }));
    expect(theirs).toMatchObject({ status: 404, code: "not_found" });
    expect(theirs.message.replace("acme", "X")).toBe(missing.message.replace("nobody", "X"));
  });

  it("cannot change another tenant's contract or grants", async () => {
    const other = await ctx.createTenant("Other Vendor");
    const before = await dbFingerprint(ctx);
    const contract = await ctx.call("PUT", "/v1/accounts/acme/contract", {
      key: other.secretKey,
      body: { seats: 1, startDate: "2026-01-01", endDate: "2026-01-02" },
    });
    const grant = await ctx.call("POST", "/v1/accounts/acme/grants", { key: other.secretKey, body: { type: "time", days: 365, reason: "x" } });
    expect([contract.status, grant.status]).toEqual([404, 404]);
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("keeps two tenants' accounts with the same vendor id apart", async () => {
    const other = await ctx.createTenant("Other Vendor");
    await seedAccount(
      ctx,
      "acme",
      { name: "Their Acme", timezone: "Asia/Tokyo" },
      { seats: 3, startDate: "2026-01-01", endDate: "2026-06-30" },
      other.secretKey,
    );
    const mine = (await (await ctx.call("GET", "/v1/accounts/acme/entitlement")).json()) as Record<string, any>;
    const theirs = (await (await ctx.call("GET", "/v1/accounts/acme/entitlement", { key: other.secretKey })).json()) as Record<string, any>;
    expect([mine.timezone, mine.seats.purchased]).toEqual(["UTC", 10]);
    expect([theirs.timezone, theirs.seats.purchased]).toEqual(["Asia/Tokyo", 3]);
  });
});
