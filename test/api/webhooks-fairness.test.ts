import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { webhookDeliveries } from "../../server/db/schema/index.ts";
import { pinnedPost } from "../../server/lib/pinned-post.ts";
import { startTicking, tick } from "../../server/services/scheduler/tick.ts";
import { ENDPOINT_CONCURRENCY, deliverWebhooksJob } from "../../server/services/webhooks/deliver.ts";
import { createEndpoint } from "../../server/services/webhooks/endpoints.ts";
import { enqueueWebhook } from "../../server/services/webhooks/enqueue.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import type { SendPool } from "../../server/services/webhooks/send-pool.ts";
import { createTestContext } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startHangingServer } from "../support/hanging-server.ts";
import type { HangingServer } from "../support/hanging-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import type { WebhookReceiver } from "../support/webhook-receiver.ts";

let ctx: TestContext;
let hanging: HangingServer;
let receiver: WebhookReceiver;

beforeEach(async () => {
  ctx = await createTestContext();
  hanging = await startHangingServer();
  receiver = await startWebhookReceiver();
});
afterEach(async () => {
  await hanging.close();
  await receiver.close();
  await ctx.close();
});

async function endpoint(tenantId: string, url: string, now: number): Promise<string> {
  const row = await createEndpoint(ctx.db, { tenantId, body: { url }, now, allowPrivateTargets: true });
  return row.id;
}

async function events(tenantId: string, count: number, now: number, prefix = "evt"): Promise<void> {
  for (let i = 0; i < count; i++) await enqueueWebhook(ctx.db, { tenantId, type: "grant.created", data: { n: i }, dedupeKey: `${prefix}:${i}`, now });
}

describe("fair webhook delivery", () => {
  it("delivers another tenant's event within 2 s while one tenant's endpoint hangs with a backlog", async () => {
    const other = await ctx.createTenant("Other SaaS");
    const start = Date.now() - 1000;
    await endpoint(ctx.tenant.tenantId, hanging.url, start);
    await endpoint(other.tenantId, receiver.url, start);
    await events(ctx.tenant.tenantId, 40, start);
    const stop = startTicking(ctx.db, { clock: Date.now, intervalMs: 100, deps: { allowPrivateWebhookTargets: true, post: pinnedPost } });
    try {
      await vi.waitFor(() => expect(hanging.received).toBe(ENDPOINT_CONCURRENCY), { timeout: 5_000, interval: 20 });
      const sentAt = Date.now();
      await enqueueWebhook(ctx.db, { tenantId: other.tenantId, type: "grant.created", data: { n: 1 }, now: sentAt });
      await vi.waitFor(() => expect(receiver.received).toHaveLength(1), { timeout: 5_000, interval: 10 });
      const delay = Date.now() - sentAt;
      expect(delay, `tenant B waited ${delay} ms`).toBeLessThanOrEqual(2_000);
      // The hanging endpoint never holds more than its cap, however long its backlog.
      await new Promise((wait) => setTimeout(wait, 300));
      expect(hanging.maxOpen).toBe(ENDPOINT_CONCURRENCY);
      expect(hanging.received).toBe(ENDPOINT_CONCURRENCY);
    } finally {
      await stop();
    }
  });

  it("claims round-robin across tenants and at most the cap per endpoint", async () => {
    const other = await ctx.createTenant("Other SaaS");
    const now = ctx.clock.now;
    for (let i = 0; i < 3; i++) await endpoint(ctx.tenant.tenantId, `${hanging.url}?e=${i}`, now);
    await endpoint(other.tenantId, receiver.url, now);
    await events(ctx.tenant.tenantId, 10, now);
    await events(other.tenantId, 2, now + 1);
    expect(await tick(ctx.db, now + 1, { allowPrivateWebhookTargets: true, sends: collectingPool(0) })).toMatchObject({ "webhook-fan-out": 32 });
    const started: string[] = [];
    const pool = collectingPool(6, started);
    const claimed = await deliverWebhooksJob.run(ctx.db, now + 2, schedulerDeps({ allowPrivateWebhookTargets: true, sends: pool }));
    expect(claimed).toBe(6);
    const leased = await ctx.db
      .select()
      .from(webhookDeliveries)
      .where(eq(webhookDeliveries.leaseUntil, now + 2 + 60_000));
    const byTenant = (tenantId: string): number => leased.filter((row) => row.tenantId === tenantId).length;
    // Round-robin: the second tenant's two deliveries go out in the first six, though queued last.
    expect(byTenant(other.tenantId)).toBe(2);
    expect(byTenant(ctx.tenant.tenantId)).toBe(4);
    // A second claim fills each endpoint to its cap and no further.
    await deliverWebhooksJob.run(ctx.db, now + 3, schedulerDeps({ allowPrivateWebhookTargets: true, sends: collectingPool(50) }));
    const busy = await ctx.db.select().from(webhookDeliveries);
    const perEndpoint = new Map<string, number>();
    for (const row of busy) if (row.leaseUntil !== null) perEndpoint.set(row.endpointId, (perEndpoint.get(row.endpointId) ?? 0) + 1);
    expect([...perEndpoint.values()].filter((n) => n > 0).sort()).toEqual([2, ENDPOINT_CONCURRENCY, ENDPOINT_CONCURRENCY, ENDPOINT_CONCURRENCY]);
  });
});

/** A pool that takes `room` sends and never runs them, so the claim alone is observed. */
function collectingPool(room: number, started: string[] = []): SendPool {
  let free = room;
  return {
    free: () => free,
    start() {
      free--;
      started.push("send");
    },
  };
}
