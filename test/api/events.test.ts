import { sql } from "drizzle-orm";
import fc from "fast-check";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { newId } from "../../server/lib/ids.ts";
import { ingestEvents } from "../../server/services/usage/ingest-events.ts";
import { prepareEvents } from "../../server/services/usage/prepare-events.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

function batch(size: number, prefix = "e", accountId = "acme"): Array<Record<string, unknown>> {
  return Array.from({ length: size }, (_, i) => ({
    id: `${prefix}-${i}`,
    accountId,
    userId: `u${i % 7}`,
    name: i % 2 === 0 ? "feature.used" : "session",
    properties: i % 2 === 0 ? { feature: `f${i % 5}`, module: `m${i % 3}` } : undefined,
    timestamp: "2026-11-21T07:00:00Z",
  }));
}

async function scalar(query: ReturnType<typeof sql>): Promise<number> {
  const [row] = await ctx.db.all<{ n: number }>(query);
  return Number(row?.n ?? 0);
}

const storedEvents = (): Promise<number> => scalar(sql`SELECT count(*) AS n FROM usage_events`);
const rolledUpEvents = (): Promise<number> => scalar(sql`SELECT coalesce(sum(count), 0) AS n FROM usage_daily WHERE kind = 'event'`);
const countedEvents = (): Promise<number> => scalar(sql`SELECT coalesce(sum(count), 0) AS n FROM usage_counters WHERE user_key = ''`);

describe("POST /v1/events", () => {
  it("stores a batch of 100 events once when it is sent three times", async () => {
    const events = batch(100);
    const answers = [];
    for (let i = 0; i < 3; i++) {
      const res = await ctx.call("POST", "/v1/events", { body: { events } });
      expect(res.status, await res.clone().text()).toBe(202);
      answers.push(await res.json());
    }
    expect(answers).toEqual([
      { accepted: 100, duplicates: 0 },
      { accepted: 0, duplicates: 100 },
      { accepted: 0, duplicates: 100 },
    ]);
    expect(await storedEvents()).toBe(100);
    expect(await rolledUpEvents()).toBe(100);
    expect(await countedEvents()).toBe(100);
  });

  it("stores a batch of 100 events once when it is sent ten times at once", async () => {
    const events = batch(100);
    const responses = await Promise.all(Array.from({ length: 10 }, () => ctx.call("POST", "/v1/events", { body: { events } })));
    const answers = await Promise.all(
      responses.map(async (res) => ({ status: res.status, body: (await res.json()) as { accepted: number; duplicates: number } })),
    );
    expect(answers.map((a) => a.status)).toEqual(Array(10).fill(202));
    expect(answers.reduce((sum, a) => sum + a.body.accepted, 0)).toBe(100);
    expect(answers.reduce((sum, a) => sum + a.body.duplicates, 0)).toBe(900);
    expect(await storedEvents()).toBe(100);
    expect(await rolledUpEvents()).toBe(100);
    expect(await countedEvents()).toBe(100);
  });

  it("counts each event id once however batches overlap, repeat and race (property)", async () => {
    let run = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(fc.integer({ min: 0, max: 30 }), { minLength: 1, maxLength: 20 }), { minLength: 1, maxLength: 6 }),
        fc.boolean(),
        async (batches, concurrent) => {
          run++;
          const account = `p${run}`;
          await seedAccount(ctx, account, { name: account, timezone: "Europe/Berlin" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
          const bodies = batches.map((ids) => ({
            events: ids.map((n) => ({ id: `${account}-${n}`, accountId: account, userId: `u${n % 3}`, name: "custom.thing" })),
          }));
          const send = (body: unknown): Promise<Response> => ctx.call("POST", "/v1/events", { body });
          const responses = concurrent
            ? await Promise.all(bodies.map(send))
            : await bodies.reduce<Promise<Response[]>>(async (acc, body) => [...(await acc), await send(body)], Promise.resolve([]));
          const accepted = (await Promise.all(responses.map((r) => r.json() as Promise<{ accepted: number }>))).reduce((s, a) => s + a.accepted, 0);
          const distinct = new Set(batches.flat()).size;
          const stored = await scalar(sql`SELECT count(*) AS n FROM usage_events WHERE event_id LIKE ${`${account}-%`}`);
          const rolled = await scalar(
            sql`SELECT coalesce(sum(d.count), 0) AS n FROM usage_daily d JOIN accounts a ON a.id = d.account_id WHERE a.external_id = ${account} AND d.kind = 'event'`,
          );
          expect([accepted, stored, rolled]).toEqual([distinct, distinct, distinct]);
        },
      ),
      { numRuns: 15 },
    );
  });

  it("rolls events up by the account's local day, feature, module and user", async () => {
    // 17:30 UTC on 21 Nov is 01:30 on 22 Nov in Shanghai.
    const res = await ctx.call("POST", "/v1/events", {
      body: {
        events: [
          {
            id: "a",
            accountId: "acme",
            userId: "u1",
            name: "feature.used",
            properties: { feature: "reports", module: "analytics" },
            timestamp: "2026-11-20T17:30:00Z",
          },
          { id: "b", accountId: "acme", userId: "u2", name: "feature.used", properties: { feature: "reports" }, timestamp: "2026-11-20T15:59:00Z" },
          { id: "c", accountId: "acme", userId: "u1", name: "session" },
        ],
      },
    });
    expect(res.status, await res.text()).toBe(202);
    const usage = await ctx.call("GET", "/v1/accounts/acme/usage?days=3");
    expect(usage.status).toBe(200);
    const body = (await usage.json()) as {
      days: Array<{ date: string; events: number; activeUsers: number; features: Record<string, number>; modules: Record<string, number> }>;
      totals: { features: Record<string, number> };
    };
    expect(body.days).toEqual([
      { date: "2026-11-20", events: 1, activeUsers: 1, byName: { "feature.used": 1 }, features: { reports: 1 }, modules: {} },
      { date: "2026-11-21", events: 2, activeUsers: 1, byName: { "feature.used": 1, session: 1 }, features: { reports: 1 }, modules: { analytics: 1 } },
    ]);
    expect(body.totals.features).toEqual({ reports: 2 });
  });

  it("writes the same rollups for a batch with repeated metrics as for its events one by one, or after part of it was stored", async () => {
    const names = ["whole", "single", "partly"];
    for (const name of names) await seedAccount(ctx, name, { name, timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
    // Repeated names, users, features, modules, scores and quantities, across a local midnight.
    const events = (accountId: string): Array<Record<string, unknown>> =>
      Array.from({ length: 40 }, (_, i) => {
        const base = {
          id: `${accountId}-${i}`,
          accountId,
          ...(i % 5 === 4 ? {} : { userId: `u${i % 3}` }),
          timestamp: i % 2 ? "2026-11-20T15:30:00Z" : "2026-11-20T16:30:00Z",
        };
        if (i % 4 === 0) return { ...base, name: "feature.used", properties: { feature: `f${i % 3}`, ...(i % 8 === 0 ? { module: "m" } : {}) } };
        if (i % 4 === 1) return { ...base, name: "nps.answered", properties: { score: i % 2 ? 9 : 3 } };
        if (i % 4 === 2) return { ...base, name: "export", properties: { quantity: [0, 1, 2.5, 40, "7"][i % 5] } };
        return { ...base, name: "session" };
      });
    const send = async (batch: unknown[]): Promise<{ accepted: number; duplicates: number }> => {
      const res = await ctx.call("POST", "/v1/events", { body: { events: batch } });
      expect(res.status, await res.clone().text()).toBe(202);
      return res.json();
    };
    expect(await send(events("whole"))).toEqual({ accepted: 40, duplicates: 0 });
    for (const event of events("single")) await send([event]);
    const partly = events("partly");
    expect(await send(partly.filter((_, i) => i % 3 === 0))).toEqual({ accepted: 14, duplicates: 0 });
    expect(await send(partly)).toEqual({ accepted: 26, duplicates: 14 });

    const rollups = async (account: string): Promise<unknown[]> => [
      ...(await ctx.db.all(
        sql`SELECT d.day, d.kind, d.key, d.count FROM usage_daily d JOIN accounts a ON a.id = d.account_id WHERE a.external_id = ${account} ORDER BY 1, 2, 3`,
      )),
      ...(await ctx.db.all(
        sql`SELECT c.user_key, c.name, c.count FROM usage_counters c JOIN accounts a ON a.id = c.account_id WHERE a.external_id = ${account} ORDER BY 1, 2`,
      )),
    ];
    const whole = await rollups("whole");
    // Quantities 2.5, 0 and 40 twice each add (q − 1); 1 and "7" add nothing.
    expect(whole).toContainEqual({ day: "2026-11-21", kind: "quantity", key: "export", count: 79 });
    expect(whole).toContainEqual({ day: "2026-11-20", kind: "nps", key: "9", count: 10 });
    expect(await rollups("single")).toEqual(whole);
    expect(await rollups("partly")).toEqual(whole);
  });

  it("accepts old timestamps and rejects ones more than five minutes ahead, storing nothing", async () => {
    const old = await ctx.call("POST", "/v1/events", {
      body: { events: [{ id: "old", accountId: "acme", name: "session", timestamp: "2019-03-01T00:00:00Z" }] },
    });
    expect(old.status, await old.text()).toBe(202);
    const skewed = await ctx.call("POST", "/v1/events", {
      body: { events: [{ id: "soon", accountId: "acme", name: "session", timestamp: "2026-11-21T08:04:59Z" }] },
    });
    expect(skewed.status, await skewed.text()).toBe(202);
    const future = await ctx.call("POST", "/v1/events", {
      body: {
        events: [
          { id: "ok", accountId: "acme", name: "session" },
          { id: "future", accountId: "acme", name: "session", timestamp: "2026-11-21T08:05:01Z" },
        ],
      },
    });
    expect(future.status).toBe(400);
    const error = (await future.json()) as { error: { code: string; details: Array<{ path: string }> } };
    expect(error.error.details.map((d) => d.path)).toEqual(["events.1.timestamp"]);
    expect(await storedEvents()).toBe(2);
    // The window's other end: year 0001 (or anything before 2000) is refused too.
    const ancient = await ctx.call("POST", "/v1/events", {
      body: { events: [{ id: "ancient", accountId: "acme", name: "session", timestamp: "0001-01-01T00:00:00Z" }] },
    });
    expect(ancient.status, await ancient.text()).toBe(400);
    expect(await storedEvents()).toBe(2);
  });

  it("rejects a whole batch that names an unknown account, listing it, and stores nothing", async () => {
    const other = await ctx.createTenant("Other vendor");
    await seedAccount(ctx, "theirs", { name: "Theirs", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" }, other.secretKey);
    const res = await ctx.call("POST", "/v1/events", {
      body: {
        events: [
          { id: "1", accountId: "acme", name: "session" },
          { id: "2", accountId: "ghost", name: "session" },
          { id: "3", accountId: "theirs", name: "session" },
        ],
      },
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { code: string; message: string; details: Array<{ path: string }> } };
    expect(body.error.code).toBe("validation_failed");
    expect(body.error.details.map((d) => d.path)).toEqual(["events.1.accountId", "events.2.accountId"]);
    expect(body.error.message).toContain("ghost");
    expect(await storedEvents()).toBe(0);
  });

  it("answers 413 for more than 500 events, a body over 1 MB, or properties over 8 KB, storing nothing", async () => {
    const tooMany = await ctx.call("POST", "/v1/events", { body: { events: batch(501) } });
    expect(tooMany.status, await tooMany.text()).toBe(413);
    const huge = await ctx.call("POST", "/v1/events", { raw: JSON.stringify({ events: batch(1), pad: "x".repeat(1024 * 1024) }) });
    expect(huge.status).toBe(413);
    const fat = await ctx.call("POST", "/v1/events", {
      body: {
        events: [
          { id: "ok", accountId: "acme", name: "session" },
          { id: "fat", accountId: "acme", name: "x", properties: { blob: "y".repeat(9000) } },
        ],
      },
    });
    expect(fat.status).toBe(413);
    expect(((await fat.json()) as { error: { message: string } }).error.message).toContain("events.1.properties");
    expect(await storedEvents()).toBe(0);
  });

  it("rejects bad input with 4xx and stores nothing", async () => {
    const cases: Array<[unknown, number]> = [
      [{ events: [] }, 400],
      [{ events: [{ id: "x", accountId: "acme" }] }, 400],
      [{ events: [{ id: "bad id!", accountId: "acme", name: "session" }] }, 400],
      [{ events: [{ id: "x", accountId: "acme", name: "feature.used" }] }, 400],
      [{ events: [{ id: "x", accountId: "acme", name: "feature.used", properties: { feature: "" } }] }, 400],
      [{ events: [{ id: "x", accountId: "acme", name: "nps.answered", properties: { score: 11 } }] }, 400],
      [{ events: [{ id: "x", accountId: "acme", name: "session", timestamp: "yesterday" }] }, 400],
      [{ events: [{ id: "x", accountId: "acme", name: "session", extra: 1 }] }, 400],
    ];
    for (const [body, status] of cases) {
      const res = await ctx.call("POST", "/v1/events", { body });
      expect(res.status, JSON.stringify(body)).toBe(status);
    }
    expect((await ctx.call("POST", "/v1/events", { raw: "{not json" })).status).toBe(400);
    expect((await ctx.call("POST", "/v1/events", { raw: "{}", headers: { "content-type": "text/plain" } })).status).toBe(415);
    expect(await storedEvents()).toBe(0);
  });

  it("needs the secret key", async () => {
    expect((await ctx.call("POST", "/v1/events", { key: null, body: { events: batch(1) } })).status).toBe(401);
    expect((await ctx.call("POST", "/v1/events", { key: ctx.tenant.publishableKey, body: { events: batch(1) } })).status).toBe(403);
  });

  it("answers 429 with Retry-After once a tenant's burst is spent, and accepts again after refill", async () => {
    const app = createApp({ db: ctx.db, clock: () => ctx.clock.now, rateLimits: { tenantBurst: 150, tenantPerSecond: 10 } });
    const post = (events: unknown[]): Promise<Response> =>
      Promise.resolve(
        app.request("/v1/events", {
          method: "POST",
          headers: { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" },
          body: JSON.stringify({ events }),
        }),
      );
    expect((await post(batch(100, "a"))).status).toBe(202);
    const limited = await post(batch(100, "b"));
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("5");
    expect(((await limited.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    ctx.clock.now += 5_000;
    expect((await post(batch(100, "b"))).status).toBe(202);
    expect(await storedEvents()).toBe(200);
  });
});

describe("batches that arrive together", () => {
  /** Counts the write transactions that store events, by their first statement. */
  function countEventWrites(): { count: number; restore(): void } {
    const client = ctx.client as unknown as { batch: (statements: Array<{ sql: string }>, mode?: string) => Promise<unknown> };
    const batch = client.batch.bind(client);
    const seen = {
      count: 0,
      restore: () => {
        client.batch = batch;
      },
    };
    client.batch = (statements, mode) => {
      if (/^\s*INSERT INTO usage_events/.test(statements[0]?.sql ?? "")) seen.count++;
      return batch(statements, mode);
    };
    return seen;
  }

  const daily = (account: string, kind: string): Promise<number> =>
    scalar(
      sql`SELECT coalesce(sum(d.count), 0) AS n FROM usage_daily d JOIN accounts a ON a.id = d.account_id WHERE a.external_id = ${account} AND d.kind = ${kind}`,
    );

  it("share one write, and each request is answered for its own events, across tenants and overlaps", async () => {
    const other = await ctx.createTenant("Globex");
    await seedAccount(
      ctx,
      "acme",
      { name: "Globex's Acme", timezone: "Europe/Berlin" },
      { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" },
      other.secretKey,
    );
    // Each tenant's key and account already looked up, as on a server that has been running.
    for (const key of [ctx.tenant.secretKey, other.secretKey]) await ctx.call("POST", "/v1/events", { key, body: { events: batch(1, "warm") } });
    const writes = countEventWrites();
    const sends = [
      { key: ctx.tenant.secretKey, events: batch(50, "e") },
      // Half of these are the first request's events: duplicates within the same write.
      { key: ctx.tenant.secretKey, events: batch(75, "e").slice(25) },
      // The same ids for another tenant are other events.
      { key: other.secretKey, events: batch(50, "e") },
      { key: other.secretKey, events: batch(50, "e") },
    ];
    const responses = await Promise.all(sends.map(({ key, events }) => ctx.call("POST", "/v1/events", { key, body: { events } })));
    writes.restore();
    const answers = await Promise.all(responses.map((res) => res.json()));
    expect(writes.count).toBe(1);
    expect(answers).toEqual([
      { accepted: 50, duplicates: 0 },
      { accepted: 25, duplicates: 25 },
      { accepted: 50, duplicates: 0 },
      { accepted: 0, duplicates: 50 },
    ]);
    expect(await storedEvents()).toBe(127);
    const [ours, theirs] = await ctx.db.all<{ n: number; users: number }>(
      sql`SELECT sum(d.count) AS n, (SELECT sum(count) FROM usage_daily u WHERE u.account_id = a.id AND u.kind = 'user') AS users
        FROM accounts a JOIN usage_daily d ON d.account_id = a.id AND d.kind = 'event' WHERE a.external_id = 'acme' GROUP BY a.id ORDER BY a.tenant_id = ${other.tenantId}`,
    );
    expect(ours).toEqual({ n: 76, users: 76 });
    expect(theirs).toEqual({ n: 51, users: 51 });
    // Even-numbered events use a feature: 38 and 25, each with its warm-up event.
    expect(await daily("acme", "feature")).toBe(39 + 26);
  });

  it("write a batch that fails on its own, so the others of its group are stored and answered", async () => {
    const account = await ctx.db.query.accounts.findFirst();
    if (!account) throw new Error("no account");
    const rowsFor = (prefix: string, accountRow: typeof account) =>
      prepareEvents({
        tenantId: ctx.tenant.tenantId,
        ingestId: newId("ing"),
        source: "server",
        now: ctx.clock.now,
        events: Array.from({ length: 10 }, (_, i) => ({
          eventId: `${prefix}-${i}`,
          account: accountRow,
          userId: "u1",
          name: "session",
          properties: null,
          timestamp: null,
        })),
      });
    // An account deleted between the route's lookup and the write: its rows break a foreign key.
    const gone = { ...account, id: "acct_deleted" };
    const writes = countEventWrites();
    const outcomes = await Promise.allSettled(
      [rowsFor("x", account), rowsFor("y", gone), rowsFor("z", account)].map((rows) =>
        ingestEvents(
          ctx.db,
          rows,
          rows.map(() => null),
        ),
      ),
    );
    writes.restore();
    expect(outcomes.map((o) => o.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    expect(outcomes.map((o) => (o.status === "fulfilled" ? o.value.accepted : null))).toEqual([10, null, 10]);
    // The group's write, then each batch alone.
    expect(writes.count).toBe(4);
    expect(await storedEvents()).toBe(20);
    expect(await rolledUpEvents()).toBe(20);
  });
});

describe("POST /v1/widget/events", () => {
  async function token(sub: string, acct = "acme"): Promise<string> {
    return signUserToken({ sub, acct, role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  }

  function beacon(body: unknown, app = ctx.app): Promise<Response> {
    return Promise.resolve(
      app.request("/v1/widget/events", {
        method: "POST",
        headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.example" },
        body: JSON.stringify(body),
      }),
    );
  }

  it("takes the account and user from the token and stores a sendBeacon batch once", async () => {
    const body = {
      publishableKey: ctx.tenant.publishableKey,
      userToken: await token("u1"),
      events: [
        { id: "1", name: "session", timestamp: ctx.clock.now - 1000 },
        { id: "2", name: "report.exported" },
      ],
    };
    const first = await beacon(body);
    expect(first.status, await first.clone().text()).toBe(202);
    expect(await first.json()).toEqual({ accepted: 2, duplicates: 0, completedSteps: [] });
    expect(first.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(await (await beacon(body)).json()).toEqual({ accepted: 0, duplicates: 2, completedSteps: [] });
    const rows = await ctx.db.all<{ user_id: string; source: string }>(sql`SELECT user_id, source FROM usage_events`);
    expect(rows).toEqual([
      { user_id: "u1", source: "widget" },
      { user_id: "u1", source: "widget" },
    ]);
  });

  it("keeps one user's event ids apart from another's", async () => {
    const events = [{ id: "same", name: "session" }];
    await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: await token("u1"), events });
    const res = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: await token("u2"), events });
    expect(await res.json()).toMatchObject({ accepted: 1 });
  });

  it("keeps user y:z of account x apart from user z of account x:y (ids may contain colons)", async () => {
    for (const id of ["x", "x:y"]) await seedAccount(ctx, id, { name: id, timezone: "UTC" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
    const events = [{ id: "1", name: "session" }];
    const first = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: await token("y:z", "x"), events });
    const second = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: await token("z", "x:y"), events });
    expect(await first.json()).toMatchObject({ accepted: 1, duplicates: 0 });
    expect(await second.json()).toMatchObject({ accepted: 1, duplicates: 0 });
  });

  it("refuses an account or user named in the body, server-only events, and bad tokens", async () => {
    const userToken = await token("u1");
    const withAccount = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken, events: [{ id: "1", name: "session", accountId: "other" }] });
    expect(withAccount.status).toBe(400);
    const ticket = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken, events: [{ id: "1", name: "ticket.opened" }] });
    expect(ticket.status).toBe(400);
    const forged = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: `${userToken}x`, events: [{ id: "1", name: "session" }] });
    expect(forged.status).toBe(401);
    expect(await storedEvents()).toBe(0);
  });

  it("limits each user on its own with 429 and Retry-After", async () => {
    const app = createApp({ db: ctx.db, clock: () => ctx.clock.now, rateLimits: { userBurst: 3, userPerSecond: 1 } });
    const events = (prefix: string): unknown[] => [1, 2, 3].map((n) => ({ id: `${prefix}${n}`, name: "clicked" }));
    const a = await token("a");
    expect((await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: a, events: events("x") }, app)).status).toBe(202);
    const limited = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: a, events: events("y") }, app);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("Retry-After")).toBe("3");
    const b = await beacon({ publishableKey: ctx.tenant.publishableKey, userToken: await token("b"), events: events("x") }, app);
    expect(b.status).toBe(202);
  });
});

describe("seats in use", () => {
  it("counts distinct users active in the last 30 days from usage signals and widget visits, once each", async () => {
    const events = [
      { id: "1", accountId: "acme", userId: "u1", name: "session", timestamp: "2026-11-01T00:00:00Z" },
      { id: "2", accountId: "acme", userId: "u2", name: "session", timestamp: "2026-11-20T00:00:00Z" },
      { id: "3", accountId: "acme", userId: "admin", name: "session" },
      { id: "4", accountId: "acme", userId: "old", name: "session", timestamp: "2026-10-01T00:00:00Z" }, // > 30 days ago
    ];
    expect((await ctx.call("POST", "/v1/events", { body: { events } })).status).toBe(202);
    const userToken = await signUserToken(
      { sub: "admin", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 },
      ctx.tenant.identitySecret,
    );
    const res = await ctx.app.request("/v1/widget/bootstrap", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const body = (await res.json()) as { seats: { licensed: number; used: number; active: number } };
    expect(body.seats).toMatchObject({ licensed: 10, used: 1, active: 3 }); // u1, u2, admin (seen by events and by the widget)
    const usage = (await (await ctx.call("GET", "/v1/accounts/acme/usage")).json()) as { activeSeats30d: number };
    expect(usage.activeSeats30d).toBe(3);
  });

  it("rejects a bad usage window and an unknown account", async () => {
    expect((await ctx.call("GET", "/v1/accounts/acme/usage?days=0")).status).toBe(400);
    expect((await ctx.call("GET", "/v1/accounts/acme/usage?days=367")).status).toBe(400);
    expect((await ctx.call("GET", "/v1/accounts/ghost/usage")).status).toBe(404);
    expect((await ctx.call("GET", "/v1/accounts/acme/usage", { key: null })).status).toBe(401);
  });

  it("documents the usage routes in the API reference", async () => {
    const doc = (await (await ctx.call("GET", "/v1/openapi.json", { key: null })).json()) as { paths: Record<string, unknown> };
    for (const path of [
      "/v1/events",
      "/v1/accounts/{accountId}/health",
      "/v1/checklists/{checklistId}",
      "/v1/scorecard",
      "/v1/widget/events",
      "/v1/widget/recap",
    ]) {
      expect(doc.paths[path], path).toBeDefined();
    }
  });
});
