import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;

beforeEach(async () => {
  // The Shanghai contract ends 2026-12-31T16:00Z; 60 days before is 2 Nov 00:00 local (1 Nov 16:00Z).
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z", settings: { nps: { enabled: true, daysBefore: 60 } } as never });
  await seedAccount(
    ctx,
    "acme",
    { name: "Acme China", timezone: "Asia/Shanghai", segment: "tech_touch" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" },
  );
});
afterEach(async () => ctx.close());

async function widget(path: string, body: Record<string, unknown> = {}, sub = "ada"): Promise<Response> {
  const userToken = await signUserToken({ sub, acct: "acme", role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  return ctx.app.request(`/v1/widget${path}`, { method: "POST", body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, ...body }) });
}

async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function npsMeasure(): Promise<{ value: number | null; missing: boolean; points: number }> {
  const health = await ok(await ctx.call("GET", "/v1/accounts/acme/health"));
  return health.measures.find((m: { metric: string }) => m.metric === "nps");
}

describe("NPS in the widget", () => {
  it("opens at the vendor's milestone, asks each user once per term, and the answer reaches the health score", async () => {
    const boot = await ok(await widget("/bootstrap"));
    expect(boot.nps).toEqual({ from: Date.parse("2026-11-01T16:00:00Z"), until: Date.parse("2026-12-31T16:00:00Z") });
    expect(await ok(await widget("/nps"))).toMatchObject({ ask: true });
    expect(await npsMeasure()).toMatchObject({ value: null, missing: true });
    expect(await ok(await widget("/nps/answer", { score: 9, comment: "Fast support" }), 201)).toEqual({ recorded: true });
    // Once per user and term: asked no more, and a second answer changes nothing.
    expect(await ok(await widget("/nps"))).toMatchObject({ ask: false });
    expect(await ok(await widget("/nps/answer", { score: 0 }))).toEqual({ recorded: false });
    expect(await ok(await widget("/nps/answer", { score: 10 }, "bob"), 201)).toEqual({ recorded: true });
    // Two promoters: NPS +100, which the scorecard counts.
    expect(await npsMeasure()).toMatchObject({ value: 100, missing: false });
    const signals = await ctx.db.all<{ name: string; score: number; properties: string }>(sql`SELECT name, score, properties FROM usage_events ORDER BY rowid`);
    expect(signals.map((s) => [s.name, Number(s.score), JSON.parse(s.properties).comment ?? null])).toEqual([
      ["nps.answered", 9, "Fast support"],
      ["nps.answered", 10, null],
    ]);
    const rows = await ctx.db.all<{ user_id: string; score: number; comment: string | null }>(
      sql`SELECT user_id, score, comment FROM nps_responses ORDER BY user_id`,
    );
    expect(rows.map((r) => [r.user_id, Number(r.score), r.comment])).toEqual([
      ["ada", 9, "Fast support"],
      ["bob", 10, null],
    ]);
  });

  it("can be dismissed: not asked again this term, and no score counted", async () => {
    expect(await ok(await widget("/nps/answer", { dismissed: true }), 201)).toEqual({ recorded: true });
    expect(await ok(await widget("/nps"))).toMatchObject({ ask: false });
    expect(await npsMeasure()).toMatchObject({ missing: true });
    expect(await ok(await widget("/nps", {}, "carol"))).toMatchObject({ ask: true });
  });

  it("is not asked before its milestone, after the contract end, or when the vendor left it off", async () => {
    ctx.clock.now = Date.parse("2026-11-01T15:59:59Z");
    expect(await ok(await widget("/nps"))).toMatchObject({ ask: false });
    expect((await ok(await widget("/nps/answer", { score: 7 }), 409)).error.code).toBe("conflict");
    ctx.clock.now = Date.parse("2026-12-31T16:00:00Z");
    expect(await ok(await widget("/nps"))).toMatchObject({ ask: false });
    ctx.clock.now = Date.parse("2026-11-21T08:00:00Z");
    expect((await ctx.call("PATCH", "/v1/settings", { body: { nps: { enabled: false } } })).status).toBe(200);
    expect(await ok(await widget("/nps"))).toEqual({ ask: false, from: null, until: null });
    expect((await ok(await widget("/bootstrap"))).nps).toBeUndefined();
  });

  it("refuses a bad answer with a 400 and changes nothing", async () => {
    const before = await dbFingerprint(ctx);
    for (const body of [
      { score: 11 },
      { score: -1 },
      { score: 2.5 },
      { score: 7, dismissed: true },
      {},
      { comment: "hi" },
      { dismissed: false },
      { score: 5, comment: "x".repeat(1001) },
      { score: 5, extra: 1 },
    ]) {
      expect((await ok(await widget("/nps/answer", body), 400)).error.code, JSON.stringify(body)).toBe("validation_failed");
    }
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});
