import type { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import type { AppEnv } from "../../server/env.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import type { WebhookReceiver } from "../support/webhook-receiver.ts";
import { RETRY_DELAYS_MS } from "../../server/services/webhooks/backoff.ts";

let ctx: TestContext;
let receiver: WebhookReceiver;
/** The app as these tests run it: allowed to deliver to receivers on 127.0.0.1. */
let app: Hono<AppEnv>;

beforeEach(async () => {
  ctx = await createTestContext();
  app = createApp({ db: ctx.db, clock: () => ctx.clock.now, allowPrivateWebhookTargets: true });
  receiver = await startWebhookReceiver(() => 503);
});
afterEach(async () => {
  await receiver.close();
  await ctx.close();
});

async function json(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

function run(): Promise<Record<string, number>> {
  return tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true });
}

async function addEndpoint(key: string, url: string, extra: Record<string, unknown> = {}): Promise<{ id: string }> {
  const res = await app.request("/v1/webhooks/endpoints", {
    method: "POST",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify({ url, ...extra }),
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return json(res);
}

async function seedGrantEvents(key: string, count: number): Promise<void> {
  const account = await ctx.call("PUT", "/v1/accounts/acme", { key, body: { name: "Acme", timezone: "UTC" } });
  expect(account.status, await account.clone().text()).toBeLessThan(300);
  const contract = await ctx.call("PUT", "/v1/accounts/acme/contract", { key, body: { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" } });
  expect(contract.status, await contract.clone().text()).toBeLessThan(300);
  for (let i = 0; i < count; i++) {
    const res = await ctx.call("POST", "/v1/accounts/acme/grants", { key, body: { type: "seats", seats: 1, reason: `gift ${i}` } });
    expect(res.status, await res.clone().text()).toBe(201);
  }
}

/** Runs ticks along the whole retry schedule, so every failing delivery gives up. */
async function exhaustRetries(): Promise<void> {
  await run();
  for (const delay of RETRY_DELAYS_MS) {
    ctx.clock.now += delay;
    await run();
  }
}

describe("operating webhooks", () => {
  it("lists the tenant's failed deliveries a page at a time, never another tenant's", async () => {
    const other = await ctx.createTenant("Other SaaS");
    await addEndpoint(ctx.tenant.secretKey, receiver.url, { eventTypes: ["grant.created"] });
    await addEndpoint(other.secretKey, receiver.url, { eventTypes: ["grant.created"] });
    await seedGrantEvents(ctx.tenant.secretKey, 3);
    await seedGrantEvents(other.secretKey, 1);
    await exhaustRetries();
    const first = await json(await ctx.call("GET", "/v1/webhooks/deliveries?status=failed&limit=2"));
    expect(first.data).toHaveLength(2);
    expect(first.data[0]).toMatchObject({
      status: "failed",
      eventType: "grant.created",
      attempts: 8,
      lastStatusCode: 503,
      endpointId: expect.stringMatching(/^whk_/),
    });
    expect(first.nextCursor).toEqual(expect.any(String));
    const second = await json(await ctx.call("GET", `/v1/webhooks/deliveries?status=failed&limit=2&cursor=${encodeURIComponent(first.nextCursor)}`));
    expect(second.data).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
    const ids = [...first.data, ...second.data].map((row: { id: string }) => row.id);
    expect(new Set(ids).size).toBe(3);
    expect((await json(await ctx.call("GET", "/v1/webhooks/deliveries?status=succeeded"))).data).toEqual([]);
    expect((await json(await ctx.call("GET", "/v1/webhooks/deliveries", { key: other.secretKey }))).data).toHaveLength(1);
    for (const query of ["status=lost", "limit=0", "limit=101", "cursor=garbage", "colour=red"]) {
      const res = await ctx.call("GET", `/v1/webhooks/deliveries?${query}`);
      expect(res.status, query).toBe(400);
      expect((await json(res)).error).toMatchObject({ code: "validation_failed", requestId: expect.stringMatching(/^req_/) });
    }
    expect((await ctx.call("GET", "/v1/webhooks/deliveries", { key: null })).status).toBe(401);
  });

  it("replays a failed delivery with the same webhook-id, for its own tenant only", async () => {
    const other = await ctx.createTenant("Other SaaS");
    await addEndpoint(ctx.tenant.secretKey, receiver.url, { eventTypes: ["grant.created"] });
    await seedGrantEvents(ctx.tenant.secretKey, 1);
    await exhaustRetries();
    const [failed] = (await json(await ctx.call("GET", "/v1/webhooks/deliveries?status=failed"))).data;
    const firstId = receiver.received[0]!.headers["webhook-id"];
    receiver.respond = () => 200;
    expect((await ctx.call("POST", `/v1/webhooks/deliveries/${failed.id}/replay`, { key: other.secretKey })).status).toBe(404);
    expect((await ctx.call("POST", "/v1/webhooks/deliveries/dlv_nothing/replay")).status).toBe(404);
    const replayed = await ctx.call("POST", `/v1/webhooks/deliveries/${failed.id}/replay`);
    expect(replayed.status, await replayed.clone().text()).toBe(202);
    expect(await json(replayed)).toMatchObject({ id: failed.id, status: "pending" });
    const before = receiver.received.length;
    await run();
    expect(receiver.received).toHaveLength(before + 1);
    expect(receiver.received.at(-1)!.headers["webhook-id"]).toBe(firstId);
    const [after] = (await json(await ctx.call("GET", "/v1/webhooks/deliveries"))).data;
    expect(after).toMatchObject({ id: failed.id, status: "succeeded", attempts: 9, lastStatusCode: 200 });
  });

  it("tells the tenant's other endpoints once per failing streak and shows the state on the endpoint", async () => {
    const healthy = await startWebhookReceiver(() => 200);
    try {
      const patched = await ctx.call("PATCH", "/v1/settings", { body: { webhookFailureAlertAfter: 3 } });
      expect(patched.status, await patched.clone().text()).toBe(200);
      const failing = await addEndpoint(ctx.tenant.secretKey, receiver.url, { eventTypes: ["grant.created"] });
      const other = await addEndpoint(ctx.tenant.secretKey, healthy.url);
      await seedGrantEvents(ctx.tenant.secretKey, 3);
      await run(); // three failures in a row reach the threshold
      await run(); // the alert fans out and goes to the healthy endpoint
      const alerts = (): any[] => healthy.received.map((r) => JSON.parse(r.body)).filter((event) => event.type === "webhook.endpoint_failing");
      expect(alerts()).toEqual([
        expect.objectContaining({ data: expect.objectContaining({ endpointId: failing.id, url: receiver.url, consecutiveFailures: 3, lastStatusCode: 503 }) }),
      ]);
      expect(receiver.received.map((r) => JSON.parse(r.body).type)).not.toContain("webhook.endpoint_failing");
      expect(await json(await ctx.call("GET", `/v1/webhooks/endpoints/${failing.id}`))).toMatchObject({
        failing: true,
        consecutiveFailures: 3,
        failingSince: new Date(ctx.clock.now).toISOString(),
      });
      expect(await json(await ctx.call("GET", `/v1/webhooks/endpoints/${other.id}`))).toMatchObject({
        failing: false,
        consecutiveFailures: 0,
        failingSince: null,
      });
      // More failures in the same streak: no second alert.
      ctx.clock.now += RETRY_DELAYS_MS[0]!;
      await run();
      await run();
      expect(alerts()).toHaveLength(1);
      // A success ends the streak; the next streak that reaches the threshold alerts again.
      receiver.respond = () => 200;
      ctx.clock.now += RETRY_DELAYS_MS[1]!;
      await run();
      expect(await json(await ctx.call("GET", `/v1/webhooks/endpoints/${failing.id}`))).toMatchObject({
        failing: false,
        consecutiveFailures: 0,
        failingSince: null,
      });
      receiver.respond = () => 500;
      await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 1, reason: "again" } });
      await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 1, reason: "again 2" } });
      await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 1, reason: "again 3" } });
      await run();
      await run();
      expect(alerts()).toHaveLength(2);
    } finally {
      await healthy.close();
    }
  });

  it("refuses a webhookFailureAlertAfter that is not a whole number from 1 to 1000", async () => {
    for (const value of [0, -1, 1001, 2.5, "ten", null]) {
      const res = await ctx.call("PATCH", "/v1/settings", { body: { webhookFailureAlertAfter: value } });
      expect(res.status, JSON.stringify(value)).toBe(400);
    }
    expect((await json(await ctx.call("GET", "/v1/settings"))).webhookFailureAlertAfter).toBe(10);
  });
});
