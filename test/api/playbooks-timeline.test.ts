import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { remindersJob } from "../../server/services/reminders/reminders-job.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
const HOUR = 3_600_000;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-09-01T00:00:00.000Z" });
  // Tech-touch, Shanghai: the contract ends 2026-12-31T16:00Z (after the last day, 31 Dec).
  await seedAccount(
    ctx,
    "tech",
    { name: "Tech Co", timezone: "Asia/Shanghai", segment: "tech_touch" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" },
  );
  // High-touch, New York, with an owner and a price: the contract ends 2027-04-01T04:00Z (EDT).
  await seedAccount(
    ctx,
    "big",
    { name: "Big Corp", timezone: "America/New_York", segment: "high_touch", owner: "dana@vendor.example" },
    { seats: 500, startDate: "2026-04-01", endDate: "2027-03-31", amount: { value: 12_000_000, currency: "USD" }, upliftPercent: 5 },
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
    sql`SELECT dedupe_key, payload FROM webhook_messages WHERE type = ${type} ORDER BY created_at, rowid`,
  );
  return rows.map((row) => ({ key: row.dedupe_key, data: (JSON.parse(row.payload) as { data: Record<string, unknown> }).data }));
}

async function patchSettings(body: unknown): Promise<Response> {
  return ctx.call("PATCH", "/v1/settings", { body });
}

describe("the vendor's reminder timeline", () => {
  it("sends a custom timeline per segment, each milestone once, on the channels it names", async () => {
    const res = await patchSettings({
      reminders: {
        high_touch: [
          { daysBefore: 120, channels: ["webhook"] },
          { daysBefore: 45, channels: ["webhook"] },
        ],
        tech_touch: [
          { daysBefore: 20, channels: ["in_app"] },
          { daysBefore: 3, channels: ["in_app", "webhook"] },
        ],
      },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(((await res.json()) as { reminders: { tech_touch: unknown[] } }).reminders.tech_touch).toHaveLength(2);
    await tickThrough(ctx.clock.now, Date.parse("2027-04-02T00:00:00Z"));
    const tasks = await sent("reminder.csm_task");
    expect(tasks.map((t) => [t.data.days, t.data.dueAt, t.data.owner])).toEqual([
      [120, "2026-12-02T05:00:00.000Z", "dana@vendor.example"],
      [45, "2027-02-15T05:00:00.000Z", "dana@vendor.example"],
    ]);
    // The 20-day milestone is in-app only: no webhook, but its notice is on the ledger.
    expect((await sent("reminder.notice")).map((n) => [n.data.days, n.data.dueAt])).toEqual([[3, "2026-12-28T16:00:00.000Z"]]);
    const ledger = await ctx.db.all<{ days: number; status: string; in_app: number }>(
      sql`SELECT r.days, r.status, r.in_app FROM reminders_sent r JOIN accounts a ON a.id = r.account_id WHERE a.external_id = 'tech' ORDER BY r.due_at`,
    );
    expect(ledger.map((row) => [Number(row.days), row.status, Number(row.in_app)])).toEqual([
      [20, "sent", 1],
      [3, "sent", 1],
    ]);
  });

  it("after a change mid-term, never re-sends a delivered milestone nor sends one whose moment had passed", async () => {
    await tickThrough(ctx.clock.now, Date.parse("2026-12-10T00:00:00Z"));
    expect((await sent("reminder.notice")).map((n) => n.data.days)).toEqual([30]);
    ctx.clock.now = Date.parse("2026-12-10T00:00:00Z");
    // 30 was delivered; 25 (6 Dec) is already past; 20, 10 and 2 are ahead; 15, 7 and 1 are gone.
    const res = await patchSettings({
      reminders: { tech_touch: [30, 25, 20, 10, 2].map((daysBefore) => ({ daysBefore, channels: ["in_app", "webhook"] })) },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    // Only the tech-touch timeline was given: the high-touch one is still the default.
    expect(((await res.json()) as { reminders: { high_touch: Array<{ daysBefore: number }> } }).reminders.high_touch.map((m) => m.daysBefore)).toEqual([
      90, 60, 30,
    ]);
    await tickThrough(ctx.clock.now, Date.parse("2027-01-02T00:00:00Z"));
    const notices = await sent("reminder.notice");
    expect(notices.map((n) => [n.data.days, n.data.dueAt])).toEqual([
      [30, "2026-12-01T16:00:00.000Z"],
      [20, "2026-12-11T16:00:00.000Z"],
      [10, "2026-12-21T16:00:00.000Z"],
      [2, "2026-12-29T16:00:00.000Z"],
    ]);
    const skipped = await ctx.db.all<{ days: number }>(sql`SELECT days FROM reminders_sent WHERE status = 'skipped'`);
    expect(skipped.map((row) => Number(row.days))).toEqual([25]);
  });

  it("finds due work through the indexed next_reminder_at: a tick after planning reads no term, a changed contract makes one due", async () => {
    for (let i = 0; i < 20; i++) {
      await seedAccount(
        ctx,
        `far-${i}`,
        { name: `Far ${i}`, timezone: "Europe/Berlin", segment: "tech_touch" },
        { seats: 5, startDate: "2026-06-01", endDate: "2027-05-31" },
      );
    }
    const due = async (now: number): Promise<number> =>
      Number((await ctx.db.all<{ n: number }>(sql`SELECT count(*) AS n FROM contract_terms WHERE next_reminder_at <= ${now}`))[0]!.n);
    expect(await due(ctx.clock.now)).toBe(22);
    await remindersJob.run(ctx.db, ctx.clock.now, schedulerDeps());
    expect(await due(ctx.clock.now)).toBe(0);
    // Each term now waits for its first milestone: 2 May 2027, 30 days before 1 Jun, at Berlin midnight.
    const [far] = await ctx.db.all<{ next_reminder_at: number }>(
      sql`SELECT t.next_reminder_at FROM contract_terms t JOIN accounts a ON a.id = t.account_id WHERE a.external_id = 'far-0'`,
    );
    expect(new Date(Number(far!.next_reminder_at)).toISOString()).toBe("2027-05-01T22:00:00.000Z");
    const put = await ctx.call("PUT", "/v1/accounts/far-3/contract", { body: { seats: 6, startDate: "2026-06-01", endDate: "2027-05-31" } });
    expect(put.status, await put.text()).toBe(200);
    expect(await due(ctx.clock.now)).toBe(1);
    const plan = await ctx.db.all<{ detail: string }>(
      sql`EXPLAIN QUERY PLAN SELECT id FROM contract_terms WHERE next_reminder_at <= ${ctx.clock.now} ORDER BY next_reminder_at LIMIT 500`,
    );
    expect(plan.map((row) => row.detail).join("\n")).toContain("contract_terms_next_reminder_idx");
  });

  it("refuses a bad timeline, offer map or NPS setting with a 400 and changes nothing", async () => {
    const milestone = (daysBefore: number): unknown => ({ daysBefore, channels: ["webhook"] });
    const before = await dbFingerprint(ctx);
    const bad: unknown[] = [
      { reminders: { high_touch: Array.from({ length: 13 }, (_, i) => milestone(i + 1)) } },
      { reminders: { high_touch: [milestone(366)] } },
      { reminders: { high_touch: [milestone(-1)] } },
      { reminders: { high_touch: [milestone(30), milestone(30)] } },
      { reminders: { tech_touch: [{ daysBefore: 5, channels: [] }] } },
      { reminders: { tech_touch: [{ daysBefore: 5, channels: ["sms"] }] } },
      { reminders: { tech_touch: [{ daysBefore: 5, channels: ["webhook", "webhook"] }] } },
      { reminders: { mid_touch: [milestone(5)] } },
      { reminders: { tech_touch: [{ daysBefore: 2.5, channels: ["webhook"] }] } },
      { reminders: [] },
      { declineOffers: { too_expensive: { kind: "discount", percent: 0 } } },
      { declineOffers: { too_expensive: { kind: "coupon", percent: 10 } } },
      { declineOffers: { not_a_reason: { kind: "extension", days: 10 } } },
      { declineOffers: { budget: { kind: "extension", days: 10, seats: 3 } } },
      { declineOffers: { missing_feature: { kind: "upgrade_trial", feature: "SSO!", days: 14 } } },
      { nps: { enabled: true, daysBefore: 0 } },
      { nps: { enabled: "yes" } },
    ];
    for (const body of bad) {
      const res = await patchSettings(body);
      const text = await res.text();
      expect(res.status, `${JSON.stringify(body)} → ${text}`).toBe(400);
      expect(JSON.parse(text)).toMatchObject({ error: { code: "validation_failed" } });
    }
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});

describe("renewal opportunities", () => {
  it("sends renewal.opportunity once per term at the first high-touch milestone, with owner, end, uplifted amount, health and recap", async () => {
    await tickThrough(Date.parse("2026-12-25T00:00:00Z"), Date.parse("2027-03-10T00:00:00Z"));
    const opportunities = await sent("renewal.opportunity");
    expect(opportunities).toHaveLength(1);
    expect(opportunities[0]!.key).toMatch(/^renewal\.opportunity:term_\w+$/);
    expect(opportunities[0]!.data).toMatchObject({
      accountId: "big",
      owner: "dana@vendor.example",
      contractEndDate: "2027-03-31",
      contractEndsAt: "2027-04-01T04:00:00.000Z",
      milestoneDays: 90,
      nextTerm: { startDate: "2027-04-01", endDate: "2028-03-31", seats: 500, amount: { value: 12_600_000, currency: "USD" }, upliftPercent: 5 },
      health: { risk: expect.stringMatching(/^(high|medium|low)$/) },
      recap: { since: "2026-04-01" },
    });
    expect(typeof (opportunities[0]!.data.health as { score: number }).score).toBe("number");
    // The three CSM tasks went out as usual; the tech-touch account opened no opportunity.
    expect((await sent("reminder.csm_task")).map((t) => t.data.days)).toEqual([90, 60, 30]);
    const res = await ctx.call("GET", "/v1/accounts/big/opportunities");
    expect(res.status).toBe(200);
    const { data } = (await res.json()) as { data: Array<Record<string, unknown>> };
    expect(data).toHaveLength(1);
    expect(data[0]).toMatchObject({ owner: "dana@vendor.example", nextTerm: { amount: { value: 12_600_000 } } });
    const tech = (await (await ctx.call("GET", "/v1/accounts/tech/opportunities")).json()) as { data: unknown[] };
    expect(tech.data).toEqual([]);
  });

  it("opens the opportunity at the first milestone actually sent when the contract arrives late", async () => {
    ctx.clock.now = Date.parse("2027-02-10T00:00:00Z"); // 90 and 60 have passed
    await seedAccount(
      ctx,
      "late",
      { name: "Late Corp", timezone: "America/New_York", segment: "high_touch", owner: "crm-user-42" },
      { seats: 50, startDate: "2026-04-01", endDate: "2027-03-31" },
    );
    await tickThrough(ctx.clock.now, Date.parse("2027-04-02T00:00:00Z"));
    const late = (await sent("renewal.opportunity")).filter((o) => o.data.accountId === "late");
    expect(late.map((o) => [o.data.owner, o.data.milestoneDays, o.data.nextTerm && (o.data.nextTerm as { amount: unknown }).amount])).toEqual([
      ["crm-user-42", 60, null],
    ]);
  });
});
