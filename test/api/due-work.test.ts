import { and, eq, lte } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { accountDue, healthSnapshots } from "../../server/db/schema/index.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

// The clock starts at 2026-11-21T08:00Z: 16:00 in Shanghai, 08:00 in UTC, 03:00 in New York.
const CONTRACT = { seats: 10, startDate: "2026-01-01", endDate: "2027-06-30" };
let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "shanghai", { name: "Shanghai Co", timezone: "Asia/Shanghai" }, CONTRACT);
  await seedAccount(ctx, "utc", { name: "UTC Co", timezone: "UTC" }, CONTRACT);
  await seedAccount(ctx, "new-york", { name: "New York Co", timezone: "America/New_York" }, CONTRACT);
});
afterEach(async () => {
  await ctx.close();
});

async function dueHealth(now: number): Promise<number> {
  const rows = await ctx.db
    .select()
    .from(accountDue)
    .where(and(eq(accountDue.job, "health.snapshot"), lte(accountDue.dueAt, now)));
  return rows.length;
}

describe("jobs find their work through the due queue", () => {
  it("takes each account's health snapshot once a local day, at its own midnight, and nothing in between", async () => {
    expect((await tick(ctx.db, ctx.clock.now))["health.snapshot"]).toBe(3);
    expect(await tick(ctx.db, ctx.clock.now + 60_000)).toMatchObject({ "health.snapshot": 0, "first_value.watch": 0 });
    expect(await dueHealth(Date.parse("2026-11-21T15:59:59Z"))).toBe(0);
    // Shanghai's next day begins first, then UTC's, then New York's.
    expect((await tick(ctx.db, Date.parse("2026-11-21T16:00:01Z")))["health.snapshot"]).toBe(1);
    expect((await tick(ctx.db, Date.parse("2026-11-21T16:00:02Z")))["health.snapshot"]).toBe(0);
    expect((await tick(ctx.db, Date.parse("2026-11-22T00:00:01Z")))["health.snapshot"]).toBe(1);
    expect((await tick(ctx.db, Date.parse("2026-11-22T05:00:01Z")))["health.snapshot"]).toBe(1);
    const days = await ctx.db.select({ day: healthSnapshots.day }).from(healthSnapshots);
    expect(days.map((row) => row.day).sort()).toEqual(["2026-11-21", "2026-11-21", "2026-11-21", "2026-11-22", "2026-11-22", "2026-11-22"]);
  });

  it("brings an account created later into the queue through the change feed", async () => {
    await tick(ctx.db, ctx.clock.now);
    await seedAccount(ctx, "later", { name: "Later Co", timezone: "UTC" }, CONTRACT);
    expect((await tick(ctx.db, ctx.clock.now + 1_000))["health.snapshot"]).toBe(1);
    expect(await ctx.db.select().from(accountDue).where(eq(accountDue.job, "health.snapshot"))).toHaveLength(4);
  });

  it("keeps an account in the first-value watch until it reaches or misses first value", async () => {
    // The three accounts went live in January: their deadline passed, the first tick records the miss.
    await seedAccount(ctx, "fresh", { name: "Fresh Co", timezone: "UTC" }, { ...CONTRACT, startDate: "2026-11-15" });
    expect((await tick(ctx.db, ctx.clock.now))["first_value.watch"]).toBe(3);
    const watched = await ctx.db.select().from(accountDue).where(eq(accountDue.job, "first_value.watch"));
    expect(watched).toHaveLength(1);
    // Looked at again within the hour, or at its deadline (2026-12-15) if sooner.
    expect(watched[0]!.dueAt).toBe(ctx.clock.now + 3_600_000);
    expect((await tick(ctx.db, ctx.clock.now + 60_000))["first_value.watch"]).toBe(0);
    const late = Date.parse("2026-12-15T00:00:00Z");
    expect((await tick(ctx.db, late))["first_value.watch"]).toBe(1);
    expect(await ctx.db.select().from(accountDue).where(eq(accountDue.job, "first_value.watch"))).toHaveLength(0);
  });
});
