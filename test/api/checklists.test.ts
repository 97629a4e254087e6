import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { firstValueJob } from "../../server/services/checklists/first-value-job.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import type { WidgetChecklistResponse } from "../../shared/checklists/wire.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
const DAY = 86_400_000;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 8, startDate: "2026-11-01", endDate: "2027-10-31" });
});
afterEach(async () => ctx.close());

const onboarding = {
  title: { en: "Get started", "zh-CN": "快速上手" },
  steps: [
    {
      id: "invite",
      title: { en: "Invite two teammates", "zh-CN": "邀请两位同事" },
      link: "/settings/team",
      rule: { type: "event", event: "teammate.invited", count: 2, scope: "user" },
    },
    { id: "report", title: { en: "Your team runs 3 reports" }, rule: { type: "event", event: "report.run", count: 3, scope: "account" } },
    {
      id: "slack",
      title: { en: "Connect Slack" },
      link: "https://example.com/help/slack",
      rule: { type: "property", event: "integration.connected", property: "provider", equals: "slack" },
    },
    { id: "adoption", title: { en: "A quarter of your seats active" }, rule: { type: "seats_active", percent: 25 }, firstValue: true },
  ],
};

async function putChecklist(body: unknown = onboarding, id = "onboarding"): Promise<Response> {
  return ctx.call("PUT", `/v1/checklists/${id}`, { body });
}

async function track(events: Array<Record<string, unknown>>): Promise<void> {
  const res = await ctx.call("POST", "/v1/events", {
    body: { events: events.map((e, i) => ({ id: `${Date.now()}-${Math.random()}-${i}`, accountId: "acme", ...e })) },
  });
  expect(res.status, await res.text()).toBe(202);
}

async function widget(path: string, sub: string, extra: Record<string, unknown> = {}, acct = "acme"): Promise<Response> {
  const userToken = await signUserToken({ sub, acct, role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  return ctx.app.request(`/v1/widget/${path}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, ...extra }),
  });
}

async function view(sub: string, extra: Record<string, unknown> = {}, acct = "acme"): Promise<WidgetChecklistResponse> {
  const res = await widget("checklist", sub, extra, acct);
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as WidgetChecklistResponse;
}

function step(answer: WidgetChecklistResponse, id: string): WidgetChecklistResponse["checklists"][number]["steps"][number] {
  return answer.checklists[0]!.steps.find((s) => s.id === id)!;
}

async function webhooks(type: string): Promise<Array<{ data: Record<string, unknown> }>> {
  const rows = await ctx.db.all<{ payload: string }>(sql`SELECT payload FROM webhook_messages WHERE type = ${type} ORDER BY created_at`);
  return rows.map((row) => JSON.parse(row.payload) as { data: Record<string, unknown> });
}

describe("checklists", () => {
  it("ticks a user's step after the event that completes it, and tells the open widget at once", async () => {
    expect((await putChecklist()).status).toBe(201);
    expect(step(await view("u1"), "invite")).toMatchObject({ done: false, progress: { current: 0, target: 2 }, scope: "user", link: "/settings/team" });
    await track([{ userId: "u1", name: "teammate.invited" }]);
    expect(step(await view("u1"), "invite")).toMatchObject({ done: false, progress: { current: 1, target: 2 } });
    const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
    const res = await ctx.app.request("/v1/widget/events", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, events: [{ id: "inv-2", name: "teammate.invited" }] }),
    });
    expect(await res.json()).toEqual({ accepted: 1, duplicates: 0, completedSteps: [{ checklistId: "onboarding", stepId: "invite" }] });
    expect(step(await view("u1"), "invite")).toMatchObject({ done: true, completedAt: ctx.clock.now, progress: { current: 2, target: 2 } });
    expect(step(await view("u2"), "invite")).toMatchObject({ done: false, progress: { current: 0, target: 2 } });
  });

  it("counts anyone in the account for an account step, and property rules on the event's properties", async () => {
    await putChecklist();
    await track([
      { userId: "u1", name: "report.run" },
      { userId: "u2", name: "report.run" },
      { userId: "u1", name: "integration.connected", properties: { provider: "teams" } },
    ]);
    expect(step(await view("u3"), "report")).toMatchObject({ done: false, progress: { current: 2, target: 3 }, scope: "account" });
    await track([
      { userId: "u3", name: "report.run" },
      { userId: "u2", name: "integration.connected", properties: { provider: "slack" } },
    ]);
    const u1 = await view("u1");
    expect(step(u1, "report")).toMatchObject({ done: true });
    expect(step(u1, "slack")).toMatchObject({ done: false }); // a user step: u2 connected it, not u1
    expect(step(await view("u2"), "slack")).toMatchObject({ done: true });
    expect(u1.checklists[0]).toMatchObject({ id: "onboarding", version: 1, title: "Get started", completed: 2, total: 4 }); // report, and adoption (3 of 8 seats active)
  });

  it("ticks steps from events sent before the checklist existed", async () => {
    await track([
      { userId: "u1", name: "teammate.invited" },
      { userId: "u1", name: "teammate.invited" },
    ]);
    await putChecklist();
    expect(step(await view("u1"), "invite").done).toBe(true);
  });

  it("reaches first value when its step completes, with one webhook, and exposes the phase", async () => {
    await putChecklist();
    const before = await view("u1", { locale: "zh-CN" });
    expect(before.checklists[0]!.title).toBe("快速上手");
    expect(step(before, "invite").title).toBe("邀请两位同事");
    expect(before.firstValue).toMatchObject({ status: "pending", checklistId: "onboarding", stepId: "adoption", reachedAt: null });
    // Go-live is 2026-11-01 00:00 in Shanghai; first value is due 30 days later, adaptation lasts 30 days.
    expect(before.firstValue.deadlineAt).toBe(Date.parse("2026-11-30T16:00:00Z"));
    expect(before.phase).toEqual({ phase: "adaptation", goLiveAt: Date.parse("2026-10-31T16:00:00Z"), nextPhaseAt: Date.parse("2026-11-30T16:00:00Z") });
    await track([{ userId: "u1", name: "session" }]); // 1 of 8 seats; 25 % needs 2
    expect(step(await view("u1"), "adoption")).toMatchObject({ done: false, progress: { current: 1, target: 2 } });
    await track([{ userId: "u2", name: "session" }]);
    const after = await view("u1");
    expect(step(after, "adoption").done).toBe(true);
    expect(after.firstValue).toMatchObject({ status: "reached", reachedAt: ctx.clock.now });
    await track([{ userId: "u3", name: "session" }]);
    const sent = await webhooks("first_value.reached");
    expect(sent).toHaveLength(1);
    expect(sent[0]!.data).toMatchObject({ accountId: "acme", onTime: true, checklistId: "onboarding", stepId: "adoption" });
  });

  it("without a first-value step, reaches first value at 25 % of licensed seats active", async () => {
    await track([{ userId: "u1", name: "session" }]);
    expect(await webhooks("first_value.reached")).toHaveLength(0);
    await track([{ userId: "u2", name: "feature.used", properties: { feature: "reports" } }]);
    expect(await webhooks("first_value.reached")).toHaveLength(1);
    expect((await view("u1")).firstValue).toMatchObject({ status: "reached", checklistId: null, stepId: null });
  });

  it("tells the vendor once when the first-value deadline passes without it, across overlapping ticks", async () => {
    await track([{ userId: "u1", name: "session" }]);
    expect(await firstValueJob.run(ctx.db, ctx.clock.now, schedulerDeps())).toBe(0);
    ctx.clock.now = Date.parse("2026-11-30T16:00:00Z"); // the deadline, to the millisecond
    const runs = await Promise.all([firstValueJob.run(ctx.db, ctx.clock.now, schedulerDeps()), firstValueJob.run(ctx.db, ctx.clock.now, schedulerDeps())]);
    expect(runs[0]! + runs[1]!).toBe(1);
    expect(await firstValueJob.run(ctx.db, ctx.clock.now + DAY, schedulerDeps())).toBe(0);
    const missed = await webhooks("first_value.missed");
    expect(missed).toHaveLength(1);
    expect(missed[0]!.data).toMatchObject({ accountId: "acme", deadlineAt: "2026-11-30T16:00:00.000Z" });
    expect((await view("u1")).firstValue.status).toBe("missed");
  });

  it("does not report a missed first value for an account with no contract, which has no seats to activate", async () => {
    const res = await ctx.call("PUT", "/v1/accounts/prospect", { body: { name: "Prospect", timezone: "UTC" } });
    expect(res.status).toBe(201);
    await firstValueJob.run(ctx.db, ctx.clock.now + 40 * DAY, schedulerDeps());
    expect((await webhooks("first_value.missed")).map((w) => w.data.accountId)).toEqual(["acme"]);
  });

  it("answers an empty list, the phase and the default first value when no checklist is defined", async () => {
    const answer = await view("u1");
    expect(answer.checklists).toEqual([]);
    expect(answer.firstValue).toMatchObject({ status: "pending", checklistId: null, stepId: null });
    expect(answer.phase.phase).toBe("adaptation");
  });

  it("keeps an account on the version it started with, and never takes a completed step back", async () => {
    await putChecklist();
    await track([
      { userId: "u1", name: "teammate.invited" },
      { userId: "u1", name: "teammate.invited" },
    ]);
    expect(step(await view("u1"), "invite").done).toBe(true);
    const harder = { ...onboarding, steps: onboarding.steps.map((s) => (s.id === "invite" ? { ...s, rule: { ...s.rule, count: 50 } } : s)) };
    const v2 = await putChecklist(harder);
    expect(v2.status).toBe(201);
    expect(await v2.json()).toMatchObject({ version: 2 });
    const pinned = await view("u1");
    expect(pinned.checklists[0]!.version).toBe(1);
    expect(step(pinned, "invite")).toMatchObject({ done: true, progress: { current: 2, target: 2 } });
    await seedAccount(ctx, "newco", { name: "NewCo", timezone: "UTC" }, { seats: 4, startDate: "2026-11-20", endDate: "2027-11-19" });
    const fresh = await view("n1", {}, "newco");
    expect(fresh.checklists[0]!.version).toBe(2);
    expect(step(fresh, "invite").progress.target).toBe(50);
  });

  it("keeps completion monotonic whatever order signals arrive in (property)", async () => {
    await putChecklist({ title: { en: "t" }, steps: [{ id: "s", title: { en: "s" }, rule: { type: "event", event: "x", count: 3, scope: "account" } }] });
    let seen = false;
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom("x", "y"), { minLength: 1, maxLength: 8 }), async (names) => {
        await track(names.map((name) => ({ userId: "u1", name })));
        const done = step(await view("u1"), "s").done;
        expect(seen && !done).toBe(false);
        seen = done;
      }),
      { numRuns: 12 },
    );
  });

  it("lets a user snooze or dismiss a checklist, for that user only", async () => {
    await putChecklist();
    const until = ctx.clock.now + DAY;
    const snoozed = await widget("checklist/dismiss", "u1", { checklistId: "onboarding", until });
    expect(await snoozed.json()).toEqual({ checklistId: "onboarding", dismissedUntil: until });
    expect((await view("u1")).checklists[0]!.dismissedUntil).toBe(until);
    expect((await view("u2")).checklists[0]!.dismissedUntil).toBeNull();
    ctx.clock.now = until;
    expect((await view("u1")).checklists[0]!.dismissedUntil).toBeNull();
    await widget("checklist/dismiss", "u1", { checklistId: "onboarding", until: null });
    expect((await view("u1")).checklists[0]!.dismissedUntil).toBe(8_640_000_000_000_000);
    expect((await widget("checklist/dismiss", "u1", { checklistId: "nope", until: null })).status).toBe(404);
    expect((await widget("checklist/dismiss", "u1", { checklistId: "onboarding" })).status).toBe(400);
  });
});

describe("PUT /v1/checklists/{id}", () => {
  it("keeps the version when the content is unchanged and lists the latest versions", async () => {
    expect((await putChecklist()).status).toBe(201);
    const same = await putChecklist({ steps: onboarding.steps, title: { "zh-CN": "快速上手", en: "Get started" } });
    expect(same.status).toBe(200);
    expect(await same.json()).toMatchObject({ id: "onboarding", version: 1 });
    const list = await ctx.call("GET", "/v1/checklists");
    expect(((await list.json()) as { data: Array<{ id: string; version: number }> }).data.map((c) => [c.id, c.version])).toEqual([["onboarding", 1]]);
  });

  it("rejects bad definitions with 400 and a second first-value step with 409", async () => {
    const bad: unknown[] = [
      {},
      { title: {}, steps: [] },
      { title: { en: "t" }, steps: [{ id: "a", title: { en: "a" }, rule: { type: "event", event: "x", count: 0 } }] },
      { title: { en: "t" }, steps: [{ id: "a", title: { en: "a" }, link: "javascript:alert(1)", rule: { type: "event", event: "x" } }] },
      { title: { en: "t" }, steps: [{ id: "a", title: { en: "a" }, rule: { type: "seats_active", percent: 150 } }] },
      {
        title: { en: "t" },
        steps: [
          { id: "a", title: { en: "a" }, rule: { type: "event", event: "x" } },
          { id: "a", title: { en: "b" }, rule: { type: "event", event: "y" } },
        ],
      },
      { title: { en: "t" }, steps: [{ id: "a", title: { en: "a" }, rule: { type: "magic" } }] },
    ];
    for (const body of bad) expect((await putChecklist(body)).status, JSON.stringify(body)).toBe(400);
    expect((await ctx.call("PUT", "/v1/checklists/bad%20id", { body: onboarding })).status).toBe(400);
    expect((await putChecklist()).status).toBe(201);
    expect((await putChecklist(onboarding, "second")).status).toBe(409);
    expect((await ctx.call("GET", "/v1/checklists", { key: null })).status).toBe(401);
  });
});
