import { eq } from "drizzle-orm";
import type { Hono } from "hono";
import { Webhook } from "standardwebhooks";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createApp } from "../../server/app.ts";
import { webhookMessages } from "../../server/db/schema/index.ts";
import type { AppEnv } from "../../server/env.ts";
import { startTicking, tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import type { Received, WebhookReceiver } from "../support/webhook-receiver.ts";

// Shanghai contract: expiring from 2026-12-01T16:00Z, access ends 2026-12-31T16:00Z, locked 72 h later.
const ACCOUNT = { name: "Acme Ltd", timezone: "Asia/Shanghai" };
const CONTRACT = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", graceHours: 72, amount: { value: 1_200_000, currency: "CNY" } };
const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

let ctx: TestContext;
/** The app as tests run it: allowed to deliver to the receiver on 127.0.0.1. */
let app: Hono<AppEnv>;
let receiver: WebhookReceiver;

beforeEach(async () => {
  ctx = await createTestContext();
  app = createApp({ db: ctx.db, clock: () => ctx.clock.now, allowPrivateWebhookTargets: true });
  receiver = await startWebhookReceiver();
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT);
});
afterEach(async () => {
  await receiver.close();
  await ctx.close();
});

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function call(method: string, path: string, payload?: unknown, target: Hono<AppEnv> = app): Promise<Response> {
  return target.request(path, {
    method,
    headers: { authorization: `Bearer ${ctx.tenant.secretKey}`, ...(payload === undefined ? {} : { "content-type": "application/json" }) },
    ...(payload === undefined ? {} : { body: JSON.stringify(payload) }),
  });
}

async function addEndpoint(extra: Record<string, unknown> = {}): Promise<{ id: string; secret: string }> {
  const res = await call("POST", "/v1/webhooks/endpoints", { url: receiver.url, ...extra });
  expect(res.status, await res.clone().text()).toBe(201);
  return body(res);
}

function run(): Promise<Record<string, number>> {
  return tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true });
}

/** A consumer verifying with `standardwebhooks`, its clock at `at` (the simulated present). */
function verifyAt(secret: string, received: Received, at: number): any {
  vi.useFakeTimers({ toFake: ["Date"], now: at });
  try {
    return new Webhook(secret).verify(received.body, received.headers as Record<string, string>);
  } finally {
    vi.useRealTimers();
  }
}

async function startRenewal(): Promise<any> {
  return body(await call("POST", "/v1/accounts/acme/renewals"));
}

describe("webhook endpoints", () => {
  it("registers an endpoint, shows its secret once, lists and removes it", async () => {
    const created = await addEndpoint({ description: "CRM sync", eventTypes: ["renewal.completed"] });
    expect(created).toMatchObject({
      id: expect.stringMatching(/^whk_/),
      secret: expect.stringMatching(/^whsec_[A-Za-z0-9+/]{32}$/),
      eventTypes: ["renewal.completed"],
    });
    const listed = await body(await call("GET", "/v1/webhooks/endpoints"));
    expect(listed.data).toEqual([expect.objectContaining({ id: created.id, url: receiver.url, description: "CRM sync", disabledAt: null })]);
    expect(listed.data[0].secret).toBeUndefined();
    expect((await body(await call("GET", `/v1/webhooks/endpoints/${created.id}`))).secret).toBeUndefined();
    expect((await call("DELETE", `/v1/webhooks/endpoints/${created.id}`)).status).toBe(200);
    expect((await body(await call("GET", "/v1/webhooks/endpoints"))).data).toEqual([]);
    expect((await call("DELETE", `/v1/webhooks/endpoints/${created.id}`)).status).toBe(404);
  });

  it("refuses bad endpoint input in the error shape and stores nothing", async () => {
    const cases: unknown[] = [
      { url: "ftp://example.com/hook" },
      { url: "not a url" },
      { url: "https://user:pass@example.com/hook" },
      { url: receiver.url, eventTypes: ["Renewal Completed"] },
      { url: receiver.url, eventTypes: [] },
      { url: receiver.url, colour: "red" },
      {},
    ];
    for (const payload of cases) {
      const res = await call("POST", "/v1/webhooks/endpoints", payload);
      expect(res.status, JSON.stringify(payload)).toBe(400);
      expect((await body(res)).error).toMatchObject({ code: "validation_failed", requestId: expect.stringMatching(/^req_/) });
    }
    expect((await call("POST", "/v1/webhooks/endpoints", undefined)).status).toBe(415);
    expect((await app.request("/v1/webhooks/endpoints")).status).toBe(401);
    expect((await body(await call("GET", "/v1/webhooks/endpoints"))).data).toEqual([]);
  });

  it("refuses loopback, private and link-local targets by default", async () => {
    const inward = [
      "http://127.0.0.1:9/hook",
      "http://localhost:9/hook", // resolves (through the system resolver) to loopback
      "http://10.1.2.3/hook",
      "http://172.16.0.1/hook",
      "http://192.168.1.20/hook",
      "http://169.254.169.254/latest/meta-data",
      "http://100.64.0.1/hook",
      "http://0.0.0.0/hook",
      "http://[::1]/hook",
      "http://[fe80::1]/hook",
      "http://[fd00::1]/hook",
      "http://[::ffff:127.0.0.1]/hook",
      "http://2130706433/hook", // 127.0.0.1 as one number
    ];
    for (const url of inward) {
      const res = await call("POST", "/v1/webhooks/endpoints", { url }, ctx.app);
      expect(res.status, url).toBe(400);
      expect((await body(res)).error.message).toMatch(/url refused/);
    }
    expect((await body(await call("GET", "/v1/webhooks/endpoints"))).data).toEqual([]);
  });
});

describe("delivery", () => {
  it("signs every delivery so a standardwebhooks consumer accepts it", async () => {
    const endpoint = await addEndpoint({ eventTypes: ["renewal.started", "grant.created"] });
    const renewal = await startRenewal();
    const done = await run();
    expect(done).toMatchObject({ "webhook-fan-out": 2, "webhook-deliver": 2 });
    expect(receiver.received).toHaveLength(2);
    const events = receiver.received.map((delivery) => verifyAt(endpoint.secret, delivery, ctx.clock.now));
    expect(events.map((event) => event.type).sort()).toEqual(["grant.created", "renewal.started"]);
    const started = events.find((event) => event.type === "renewal.started");
    expect(started).toMatchObject({ timestamp: new Date(ctx.clock.now).toISOString(), data: { accountId: "acme", renewalId: renewal.id } });
    for (const delivery of receiver.received) {
      expect(delivery.headers["webhook-id"]).toMatch(/^msg_/);
      expect(delivery.headers["webhook-timestamp"]).toBe(String(Math.floor(ctx.clock.now / 1000)));
      expect(() => verifyAt("whsec_" + btoa("another secret entirely"), delivery, ctx.clock.now)).toThrow();
    }
    expect(await run()).toMatchObject({ "webhook-deliver": 0 });
    expect(receiver.received).toHaveLength(2);
  });

  it("retries on the Standard Webhooks schedule with the same webhook-id", async () => {
    receiver.respond = (n) => (n < 2 ? 500 : 204);
    const endpoint = await addEndpoint({ eventTypes: ["renewal.started"] });
    await startRenewal();
    const first = ctx.clock.now;
    await run();
    ctx.clock.now = first + 4 * SECOND;
    await run();
    expect(receiver.received).toHaveLength(1);
    ctx.clock.now = first + 5 * SECOND;
    await run();
    expect(receiver.received).toHaveLength(2);
    ctx.clock.now = first + 5 * SECOND + 5 * MINUTE;
    await run();
    expect(receiver.received.map((delivery) => delivery.status)).toEqual([500, 500, 204]);
    expect(new Set(receiver.received.map((delivery) => delivery.headers["webhook-id"])).size).toBe(1);
    const times = [first, first + 5 * SECOND, first + 5 * SECOND + 5 * MINUTE];
    receiver.received.forEach((delivery, i) => expect(verifyAt(endpoint.secret, delivery, times[i]!)).toMatchObject({ type: "renewal.started" }));
    const log = await body(await call("GET", `/v1/webhooks/endpoints/${endpoint.id}/deliveries`));
    expect(log.data).toEqual([
      expect.objectContaining({
        eventType: "renewal.started",
        status: "succeeded",
        attempts: 3,
        lastStatusCode: 204,
        log: [
          expect.objectContaining({ attempt: 1, statusCode: 500 }),
          expect.objectContaining({ attempt: 2, statusCode: 500 }),
          expect.objectContaining({ attempt: 3, statusCode: 204, error: null }),
        ],
      }),
    ]);
    expect((await call("GET", `/v1/webhooks/endpoints/${endpoint.id}/deliveries?limit=0`)).status).toBe(400);
  });

  it("gives up after eight attempts spread over the schedule", async () => {
    receiver.respond = () => 503;
    const endpoint = await addEndpoint({ eventTypes: ["renewal.started"] });
    await startRenewal();
    for (const delay of [0, 5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR, 10 * HOUR]) {
      ctx.clock.now += delay;
      await run();
    }
    expect(receiver.received).toHaveLength(8);
    const [delivery] = (await body(await call("GET", `/v1/webhooks/endpoints/${endpoint.id}/deliveries`))).data;
    expect(delivery).toMatchObject({ status: "failed", attempts: 8, nextAttemptAt: null, lastStatusCode: 503 });
  });

  it("disables an endpoint that answers 410 Gone and sends it nothing more", async () => {
    receiver.respond = () => 410;
    const endpoint = await addEndpoint();
    await startRenewal();
    await run();
    expect(receiver.received.length).toBeGreaterThanOrEqual(1);
    const seen = receiver.received.length;
    expect(await body(await call("GET", `/v1/webhooks/endpoints/${endpoint.id}`))).toMatchObject({
      disabledAt: expect.any(String),
      disabledReason: expect.stringContaining("410"),
    });
    await call("POST", "/v1/accounts/acme/grants", { type: "seats", seats: 2, reason: "goodwill" });
    ctx.clock.now += HOUR;
    await run();
    expect(receiver.received).toHaveLength(seen);
  });

  it("never sends the same attempt twice when ticks overlap, and every delivery verifies", async () => {
    const endpoint = await addEndpoint();
    await startRenewal();
    await call("POST", "/v1/accounts/acme/grants", { type: "seats", seats: 2, reason: "goodwill" });
    await call("POST", "/v1/accounts/acme/grants", { type: "time", days: 3, reason: "outage" });
    await Promise.all([run(), run(), run()]);
    await Promise.all([run(), run()]);
    const ids = receiver.received.map((delivery) => delivery.headers["webhook-id"]);
    const messages = await ctx.db.select().from(webhookMessages);
    expect(ids.length).toBe(messages.length);
    expect(new Set(ids).size).toBe(ids.length);
    for (const delivery of receiver.received) expect(verifyAt(endpoint.secret, delivery, ctx.clock.now)).toHaveProperty("data");
  });

  it("refuses at send time a target that is private when the app does not allow it", async () => {
    const endpoint = await addEndpoint();
    await startRenewal();
    await tick(ctx.db, ctx.clock.now); // the default: private targets refused
    expect(receiver.received).toHaveLength(0);
    const log = await body(await call("GET", `/v1/webhooks/endpoints/${endpoint.id}/deliveries`));
    expect(log.data[0]).toMatchObject({ status: "pending", attempts: 1, lastError: expect.stringContaining("refused") });
  });

  it("sends only the event types an endpoint asked for", async () => {
    await addEndpoint({ eventTypes: ["grant.created"] });
    await startRenewal();
    await run();
    expect(receiver.received.map((delivery) => JSON.parse(delivery.body).type)).toEqual(["grant.created"]);
  });
});

describe("events", () => {
  async function stateEvents(): Promise<any[]> {
    const rows = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "entitlement.state_changed"));
    return rows.sort((a, b) => a.createdAt - b.createdAt).map((row) => row.payload.data);
  }

  it("announces entitlement.state_changed once, at each exact boundary", async () => {
    await run(); // first look: the state is recorded, not announced
    for (const at of ["2026-12-01T16:00:02.000Z", "2026-12-31T16:00:00.000Z", "2027-01-03T16:00:04.500Z"]) {
      ctx.clock.now = Date.parse(at);
      await Promise.all([run(), run()]);
      await run();
    }
    expect((await stateEvents()).map((event) => [event.previousState, event.state, event.at])).toEqual([
      ["active", "expiring", "2026-12-01T16:00:00.000Z"],
      ["expiring", "grace", "2026-12-31T16:00:00.000Z"],
      ["grace", "locked", "2027-01-03T16:00:00.000Z"],
    ]);
    const renewal = await startRenewal(); // the hold reopens access
    await run();
    await call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`);
    ctx.clock.now += 3 * SECOND;
    await run();
    const events = await stateEvents();
    expect(events.slice(3).map((event) => [event.previousState, event.state])).toEqual([
      ["locked", "expiring"],
      ["expiring", "active"],
    ]);
    expect(events[4]).toMatchObject({
      accountId: "acme",
      at: new Date(ctx.clock.now).toISOString(),
      contractEndsAt: "2027-12-31T16:00:00.000Z",
      readOnly: false,
    });
  });

  it("announces grant.created for gifts made through the API, once", async () => {
    await run();
    const grant = await body(await call("POST", "/v1/accounts/acme/grants", { type: "seats", seats: 5, reason: "buy 200, get 10" }));
    await Promise.all([run(), run()]);
    const rows = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "grant.created"));
    expect(rows.map((row) => row.payload.data)).toEqual([{ accountId: "acme", grant: expect.objectContaining({ id: grant.id, type: "seats", seats: 5 }) }]);
  });
});

describe("the scheduler", () => {
  it("ticks on its own in the Node server and stops cleanly", async () => {
    await addEndpoint({ eventTypes: ["renewal.expired"] });
    const renewal = await startRenewal();
    ctx.clock.now = Date.parse(renewal.expiresAt);
    const stop = startTicking(ctx.db, { clock: () => ctx.clock.now, intervalMs: 20, deps: { allowPrivateWebhookTargets: true } });
    try {
      await vi.waitFor(() => expect(receiver.received.map((delivery) => JSON.parse(delivery.body).type)).toEqual(["renewal.expired"]), {
        timeout: 5_000,
        interval: 20,
      });
    } finally {
      await stop();
    }
    expect((await body(await call("GET", `/v1/accounts/acme/renewals/${renewal.id}`))).status).toBe("expired");
  });
});
