import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { healthSnapshotJob } from "../../server/services/health/snapshot-job.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
const DAY = 86_400_000;
const NOW = "2026-11-21T08:00:00.000Z";

beforeEach(async () => {
  ctx = await createTestContext({ now: NOW });
  await seedAccount(
    ctx,
    "acme",
    { name: "Acme", timezone: "Asia/Shanghai", segment: "high_touch" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" },
  );
});
afterEach(async () => ctx.close());

let serial = 0;
function at(daysAgo: number): string {
  return new Date(Date.parse(NOW) - daysAgo * DAY).toISOString();
}
function ev(name: string, daysAgo: number, userId?: string, properties?: Record<string, unknown>): Record<string, unknown> {
  return { id: `e${serial++}`, accountId: "acme", name, timestamp: at(daysAgo), ...(userId ? { userId } : {}), ...(properties ? { properties } : {}) };
}

/**
 * The seeded usage of the hand-computed example. Windows are local days ending today:
 * 28 days for logins, features, modules, tickets; 90 days for training and NPS.
 */
async function seedUsage(): Promise<void> {
  const users = ["u1", "u2", "u3", "u4", "u5", "u6"];
  const events = [
    ...Array.from({ length: 20 }, (_, i) => ev("session", i % 20, users[i % 6])), // 20 sessions in 28 days
    ev("session", 40, "u1"), // outside the 28-day window
    ...Array.from({ length: 30 }, (_, i) => ev("feature.used", i % 25, users[i % 6], { feature: `f${i % 4}`, module: i % 2 ? "m1" : "m2" })),
    ev("ticket.opened", 3),
    ev("ticket.opened", 10),
    ev("ticket.opened", 20),
    ev("ticket.opened", 35), // outside the window
    ev("training.attended", 60, "u7"), // inside 90 days; u7 is not active in the last 28
    ev("nps.answered", 5, "u1", { score: 9 }),
    ev("nps.answered", 50, "u2", { score: 10 }),
    ev("nps.answered", 80, "u3", { score: 6 }),
    ev("nps.answered", 100, "u4", { score: 0 }), // outside 90 days
  ];
  const res = await ctx.call("POST", "/v1/events", { body: { events } });
  expect(res.status, await res.text()).toBe(202);
}

interface Health {
  score: number;
  risk: string;
  phase: string;
  measures: Array<{ key: string; value: number | null; points: number; contribution: number; missing: boolean }>;
  history: Array<{ date: string; score: number; risk: string }>;
}

async function health(id = "acme"): Promise<Health> {
  const res = await ctx.call("GET", `/v1/accounts/${id}/health`);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as Health;
}

describe("GET /v1/accounts/{id}/health", () => {
  it("scores a seeded account exactly as computed by hand with the default scorecard", async () => {
    await seedUsage();
    // login frequency   20 sessions / 10 seats / 4 weeks = 0.5 per seat-week → tier ≥0.5 → 40 points × 25
    // feature depth     30 uses / 6 active users          = 5                 → tier ≥5   → 70 points × 20
    // module breadth    {m1, m2}                          = 2                 → tier ≥2   → 60 points × 15
    // support tickets   3 opened (lower is better)                            → tier ≤5   → 40 points × 10
    // training          1 attended in 90 days                                 → tier ≥1   → 70 points × 10
    // NPS               scores 9, 10, 6: (2 promoters − 1 detractor) / 3 = 33.3 → tier ≥30 → 70 points × 20
    // score = (25·40 + 20·70 + 15·60 + 10·40 + 10·70 + 20·70) / 100
    //       = (1000 + 1400 + 900 + 400 + 700 + 1400) / 100 = 5800 / 100 = 58 → medium (51–75)
    const answer = await health();
    expect(answer.score).toBe(58);
    expect(answer.risk).toBe("medium");
    expect(answer.measures.map((m) => [m.key, m.value, m.points, m.contribution])).toEqual([
      ["login_frequency", 0.5, 40, 10],
      ["core_feature_depth", 5, 70, 14],
      ["module_breadth", 2, 60, 9],
      ["support_tickets", 3, 40, 4],
      ["training", 1, 70, 7],
      ["nps", 33.33, 70, 14],
    ]);
    expect(answer.phase).toBe("established");
  });

  it("leaves out measures with no data and reweights the rest", async () => {
    await seedAccount(ctx, "quiet", { name: "Quiet", timezone: "UTC" }, { seats: 5, startDate: "2026-11-01", endDate: "2027-10-31" });
    // No usage: logins 0 → 0 pts; depth has no active users → missing, "zero" → 0; modules 0 → 0;
    // tickets 0 → 100 pts; training 0 → 0; NPS has no answers → "ignore" drops its weight 20.
    // score = (25·0 + 20·0 + 15·0 + 10·100 + 10·0) / 80 = 1000 / 80 = 12.5 → 13 → high
    const answer = await health("quiet");
    expect([answer.score, answer.risk, answer.phase]).toEqual([13, "high", "adaptation"]);
    expect(answer.measures.find((m) => m.key === "nps")).toMatchObject({ value: null, missing: true, contribution: 0 });
  });

  it("scores with the vendor's scorecard, tiers, direction and bands", async () => {
    await seedUsage();
    const put = await ctx.call("PUT", "/v1/scorecard", {
      body: {
        measures: [
          { metric: "active_seats", weight: 3 },
          {
            key: "tickets",
            metric: "support_tickets",
            weight: 1,
            tiers: [
              { threshold: 2, score: 100 },
              { threshold: 4, score: 50 },
            ],
          },
        ],
        bands: { highMax: 65, mediumMax: 80 },
      },
    });
    expect(put.status, await put.text()).toBe(200);
    // active seats 6 / 10 = 60 % → default tier ≥50 → 70 pts × 3; tickets 3 → ≤4 → 50 pts × 1
    // score = (3·70 + 1·50) / 4 = 260 / 4 = 65 → high, since highMax is 65
    const answer = await health();
    expect([answer.score, answer.risk]).toEqual([65, "high"]);
    const read = await ctx.call("GET", "/v1/scorecard");
    expect(await read.json()).toMatchObject({ isDefault: false, bands: { highMax: 65, mediumMax: 80 } });
  });

  it("rejects invalid scorecards with 400", async () => {
    const bad: unknown[] = [
      { measures: [] },
      { measures: [{ metric: "vibes", weight: 1 }] },
      { measures: [{ metric: "nps", weight: 0 }] },
      {
        measures: [
          { metric: "nps", weight: 1 },
          { metric: "nps", weight: 2 },
        ],
      },
      { measures: [{ metric: "nps", weight: 1, tiers: [{ threshold: 0, score: 150 }] }] },
      {
        measures: [
          {
            metric: "nps",
            weight: 1,
            tiers: [
              { threshold: 0, score: 10 },
              { threshold: 0, score: 20 },
            ],
          },
        ],
      },
      { measures: [{ metric: "nps", weight: 1 }], bands: { highMax: 80, mediumMax: 60 } },
      { measures: [{ metric: "nps", weight: 1, missing: "guess" }] },
    ];
    for (const body of bad) expect((await ctx.call("PUT", "/v1/scorecard", { body })).status, JSON.stringify(body)).toBe(400);
    expect((await ctx.call("GET", "/v1/scorecard")).status).toBe(200);
    expect((await ctx.call("GET", "/v1/scorecard", { key: null })).status).toBe(401);
    expect((await ctx.call("GET", "/v1/accounts/nobody/health")).status).toBe(404);
  });
});

describe("daily health snapshots", () => {
  it("takes one snapshot per account per local day across overlapping ticks, and alerts once when risk worsens", async () => {
    await seedUsage();
    const now = ctx.clock.now;
    const first = await Promise.all([healthSnapshotJob.run(ctx.db, now, schedulerDeps()), healthSnapshotJob.run(ctx.db, now, schedulerDeps())]);
    expect(first[0]! + first[1]!).toBe(1);
    expect(await healthSnapshotJob.run(ctx.db, now + 3_600_000, schedulerDeps())).toBe(0); // same local day
    // 40 days on, the 28-day usage has aged out: the account drops from medium to high risk.
    const later = now + 40 * DAY;
    const second = await Promise.all([healthSnapshotJob.run(ctx.db, later, schedulerDeps()), healthSnapshotJob.run(ctx.db, later, schedulerDeps())]);
    expect(second[0]! + second[1]!).toBe(1);
    const alerts = await ctx.db.all<{ payload: string }>(sql`SELECT payload FROM webhook_messages WHERE type = 'health.risk_worsened'`);
    expect(alerts).toHaveLength(1);
    expect(JSON.parse(alerts[0]!.payload).data).toMatchObject({
      accountId: "acme",
      from: "medium",
      to: "high",
      previousScore: 58,
      previousDate: "2026-11-21",
      date: "2026-12-31",
    });
    ctx.clock.now = later;
    expect((await health()).history.map((h) => [h.date, h.score, h.risk])).toEqual([
      ["2026-11-21", 58, "medium"],
      ["2026-12-31", (await health()).score, "high"],
    ]);
  });
});
