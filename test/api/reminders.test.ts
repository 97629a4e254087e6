import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { remindersJob } from "../../server/services/reminders/reminders-job.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import type { WidgetRecapResponse } from "../../shared/reminders/wire.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
const HOUR = 3_600_000;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-09-01T00:00:00.000Z", settings: { productName: "Acme CRM" } });
  // Tech-touch, Shanghai: the last day is 31 Dec 2026, so the contract ends 2026-12-31T16:00Z.
  await seedAccount(
    ctx,
    "tech",
    { name: "Tech Co", timezone: "Asia/Shanghai", segment: "tech_touch" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" },
  );
  // High-touch, New York: the last day is 31 Mar 2027, so the contract ends 2027-04-01T04:00Z (EDT).
  await seedAccount(
    ctx,
    "big",
    { name: "Big Corp", timezone: "America/New_York", segment: "high_touch" },
    { seats: 500, startDate: "2026-04-01", endDate: "2027-03-31" },
  );
});
afterEach(async () => ctx.close());

/** Two overlapping ticks at every step from `from` to `to`. */
async function tickThrough(from: number, to: number, step = 6 * HOUR): Promise<void> {
  for (let now = from; now <= to; now += step) {
    await Promise.all([remindersJob.run(ctx.db, now, schedulerDeps()), remindersJob.run(ctx.db, now, schedulerDeps())]);
  }
}

async function sent(type: string): Promise<Array<{ key: string; data: Record<string, unknown> }>> {
  const rows = await ctx.db.all<{ dedupe_key: string; payload: string }>(
    sql`SELECT dedupe_key, payload FROM webhook_messages WHERE type = ${type} ORDER BY created_at`,
  );
  return rows.map((row) => ({ key: row.dedupe_key, data: (JSON.parse(row.payload) as { data: Record<string, unknown> }).data }));
}

async function recap(acct: string): Promise<WidgetRecapResponse> {
  const userToken = await signUserToken({ sub: "u1", acct, role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  const res = await ctx.app.request("/v1/widget/recap", { method: "POST", body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }) });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as WidgetRecapResponse;
}

describe("reminder timeline", () => {
  it("delivers each milestone once per term across overlapping ticks: tech-touch 30/15/7/1, high-touch 90/60/30", async () => {
    await tickThrough(Date.parse("2026-09-01T00:00:00Z"), Date.parse("2027-04-02T00:00:00Z"));
    const notices = await sent("reminder.notice");
    expect(notices.map((n) => [n.data.accountId, n.data.days, n.data.dueAt])).toEqual([
      ["tech", 30, "2026-12-01T16:00:00.000Z"],
      ["tech", 15, "2026-12-16T16:00:00.000Z"],
      ["tech", 7, "2026-12-24T16:00:00.000Z"],
      ["tech", 1, "2026-12-30T16:00:00.000Z"], // local midnight that starts the last day
    ]);
    expect(notices[0]!.key).toMatch(/^reminder:acct_\w+:term_\w+:30$/);
    const tasks = await sent("reminder.csm_task");
    // New York midnights, 90/60/30 calendar days before 1 Apr 2027 00:00 EDT (one in EST).
    expect(tasks.map((t) => [t.data.accountId, t.data.days, t.data.dueAt])).toEqual([
      ["big", 90, "2027-01-01T05:00:00.000Z"],
      ["big", 60, "2027-01-31T05:00:00.000Z"],
      ["big", 30, "2027-03-02T05:00:00.000Z"],
    ]);
    expect(tasks[0]!.data).toMatchObject({ segment: "high_touch", task: { title: "Renewal: Big Corp — contract ends in 90 days" }, health: { risk: "high" } });
    const ledger = await ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM reminders_sent WHERE status = 'sent'`);
    expect(Number(ledger[0]!.n)).toBe(7);
  });

  it("skips milestones already overtaken when a contract arrives late, and sends the latest one due", async () => {
    ctx.clock.now = Date.parse("2026-12-20T00:00:00Z"); // 11.7 days before the end: 30 and 15 have passed
    await tickThrough(ctx.clock.now, Date.parse("2027-01-01T00:00:00Z"));
    expect((await sent("reminder.notice")).map((n) => n.data.days)).toEqual([15, 7, 1]);
    const skipped = await ctx.db.all<{ days: number }>(sql`SELECT days FROM reminders_sent WHERE status = 'skipped'`);
    expect(skipped.map((row) => Number(row.days))).toEqual([30]);
  });

  it("shows a tech-touch user an in-app notice personalised with this term's usage, none to high-touch", async () => {
    ctx.clock.now = Date.parse("2026-12-05T00:00:00Z");
    const events = [
      ...["u1", "u2", "u3"].map((userId, i) => ({ id: `s${i}`, accountId: "tech", userId, name: "session" })),
      ...Array.from({ length: 6 }, (_, i) => ({
        id: `f${i}`,
        accountId: "tech",
        userId: "u1",
        name: "feature.used",
        properties: { feature: i < 4 ? "pipeline" : "reports", module: "sales" },
      })),
    ];
    expect((await ctx.call("POST", "/v1/events", { body: { events } })).status).toBe(202);
    expect((await recap("tech")).notice).toBeNull();
    await remindersJob.run(ctx.db, ctx.clock.now, schedulerDeps());
    const answer = await recap("tech");
    expect(answer.recap).toMatchObject({
      since: "2026-01-01",
      activeUsers: 3,
      sessions: 3,
      events: 9,
      topFeatures: [
        { feature: "pipeline", count: 4 },
        { feature: "reports", count: 2 },
      ],
      modulesUsed: ["sales"],
    });
    expect(answer.notice).toMatchObject({ kind: "renewal_reminder", days: 30, contractEndsAt: Date.parse("2026-12-31T16:00:00Z") });
    expect(answer.notice!.message).toBe(
      // Read on 5 Dec, after the 30-day milestone (1 Dec): the days left are counted from now.
      "Your Acme CRM subscription runs until 31 Dec 2026 23:59 (Asia/Shanghai): 27 days left. Since 2026-01-01, 3 people on your team used it, most of all pipeline, reports.",
    );
    const [webhook] = await sent("reminder.notice");
    expect(webhook!.data).toMatchObject({ recap: { activeUsers: 3 }, notice: { kind: "renewal_reminder" } });
    expect((await recap("big")).notice).toBeNull();
  });

  it("labels the recap's features for end users in their locale, from the vendor's eventLabels; unlabelled ones get no label", async () => {
    ctx.clock.now = Date.parse("2026-12-05T00:00:00Z");
    const events = Array.from({ length: 3 }, (_, i) => ({
      id: `l${i}`,
      accountId: "tech",
      userId: "u1",
      name: "feature.used",
      properties: { feature: i < 2 ? "task.create" : "report.export", module: "work" },
    }));
    expect((await ctx.call("POST", "/v1/events", { body: { events } })).status).toBe(202);
    const set = await ctx.call("PATCH", "/v1/settings", { body: { eventLabels: { "task.create": { en: "Creating tasks", "zh-CN": "创建任务" } } } });
    expect(set.status, await set.clone().text()).toBe(200);
    expect((await recap("tech")).recap.topFeatures).toEqual([
      { feature: "task.create", count: 2, label: "Creating tasks" },
      { feature: "report.export", count: 1, label: null },
    ]);
    const userToken = await signUserToken({ sub: "u1", acct: "tech", role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
    const zh = await ctx.app.request("/v1/widget/recap", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, locale: "zh-CN" }),
    });
    expect(((await zh.json()) as WidgetRecapResponse).recap.topFeatures[0]!.label).toBe("创建任务");
    const bad = await ctx.call("PATCH", "/v1/settings", { body: { eventLabels: { "task.create": {} } } });
    expect(bad.status).toBe(400);
  });

  it("on the last day sends a care message that says exactly when access ends", async () => {
    const grant = await ctx.call("POST", "/v1/accounts/tech/grants", { body: { type: "time", days: 7, reason: "migration delay" } });
    expect(grant.status, await grant.text()).toBe(201);
    ctx.clock.now = Date.parse("2026-12-31T02:00:00Z"); // 10:00 on 31 Dec in Shanghai
    await remindersJob.run(ctx.db, ctx.clock.now, schedulerDeps());
    const { notice } = await recap("tech");
    // The contract still ends on 31 Dec; the gift of 7 days moved access to the end of 7 Jan.
    expect(notice).toMatchObject({
      kind: "last_day",
      days: 1,
      accessEndsAt: Date.parse("2027-01-07T16:00:00Z"),
      accessEndsLocal: "7 Jan 2027 23:59",
      timezone: "Asia/Shanghai",
    });
    expect(notice!.message).toContain("access ends at 7 Jan 2027 23:59 (Asia/Shanghai)");
    ctx.clock.now = Date.parse("2026-12-31T16:00:00Z"); // the contract has ended: no renewal notice
    expect((await recap("tech")).notice).toBeNull();
  });
});
