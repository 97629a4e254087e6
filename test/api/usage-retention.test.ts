import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const DAY = 86_400_000;
let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 10, startDate: "2026-01-01", endDate: "2028-12-31" });
});
afterEach(async () => {
  await ctx.close();
});

async function send(prefix: string, count: number, key = ctx.tenant.secretKey, account = "acme"): Promise<void> {
  const timestamp = new Date(ctx.clock.now).toISOString();
  const events = Array.from({ length: count }, (_, i) => ({
    id: `${prefix}-${i}`,
    accountId: account,
    userId: `u${i % 3}`,
    name: "feature.used",
    properties: { feature: "reports" },
    timestamp,
  }));
  const res = await ctx.call("POST", "/v1/events", { key, body: { events } });
  expect(res.status, await res.clone().text()).toBe(202);
}

async function rawEvents(): Promise<Record<string, number>> {
  const rows = await ctx.db.all<{ tenant_id: string; n: number }>(sql`SELECT tenant_id, count(*) AS n FROM usage_events GROUP BY tenant_id`);
  return Object.fromEntries(rows.map((row) => [row.tenant_id, Number(row.n)]));
}

async function rollupCount(): Promise<number> {
  const rows = await ctx.db.all<{ n: number }>(sql`SELECT COALESCE(sum(count), 0) AS n FROM usage_daily WHERE kind = 'event'`);
  return Number(rows[0]!.n);
}

describe("raw usage event retention", () => {
  it("purges raw events past 400 days and keeps their rollups", async () => {
    const start = ctx.clock.now;
    await send("old", 30);
    ctx.clock.now = start + 200 * DAY;
    await send("newer", 20);
    const rollups = await rollupCount();
    expect(rollups).toBe(50);
    ctx.clock.now = start + 399 * DAY;
    await tick(ctx.db, ctx.clock.now);
    expect(await rawEvents()).toEqual({ [ctx.tenant.tenantId]: 50 });
    ctx.clock.now = start + 401 * DAY;
    expect((await tick(ctx.db, ctx.clock.now))["usage.purge"]).toBe(30);
    expect(await rawEvents()).toEqual({ [ctx.tenant.tenantId]: 20 });
    expect(await rollupCount()).toBe(rollups);
    // At most once an hour, across processes.
    expect((await tick(ctx.db, ctx.clock.now + 60_000))["usage.purge"]).toBe(0);
  });

  it("follows each tenant's usageEventRetentionDays and refuses values out of range", async () => {
    const other = await ctx.createTenant("Short memory SaaS", { usageEventRetentionDays: 30 });
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 10, startDate: "2026-01-01", endDate: "2028-12-31" }, other.secretKey);
    await send("a", 10);
    await send("b", 10, other.secretKey);
    ctx.clock.now += 31 * DAY;
    await tick(ctx.db, ctx.clock.now);
    expect(await rawEvents()).toEqual({ [ctx.tenant.tenantId]: 10 });
    for (const value of [0, 29, 3651, 1.5, "400", null]) {
      const res = await ctx.call("PATCH", "/v1/settings", { body: { usageEventRetentionDays: value } });
      expect(res.status, JSON.stringify(value)).toBe(400);
    }
    const ok = await ctx.call("PATCH", "/v1/settings", { body: { usageEventRetentionDays: 30 } });
    expect(ok.status, await ok.clone().text()).toBe(200);
    ctx.clock.now += 2 * 3_600_000;
    await tick(ctx.db, ctx.clock.now);
    expect(await rawEvents()).toEqual({});
  });
});
