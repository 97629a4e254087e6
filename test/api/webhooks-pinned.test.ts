import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pinnedPost } from "../../server/lib/pinned-post.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createEndpoint } from "../../server/services/webhooks/endpoints.ts";
import { enqueueWebhook } from "../../server/services/webhooks/enqueue.ts";
import { fetchPost } from "../../server/services/webhooks/post.ts";
import { createTestContext } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import type { WebhookReceiver } from "../support/webhook-receiver.ts";

let ctx: TestContext;
/** Listens on 127.0.0.2 only: the system resolver sends `localhost` to 127.0.0.1, not here. */
let receiver: WebhookReceiver;

beforeEach(async () => {
  ctx = await createTestContext();
  receiver = await startWebhookReceiver(() => 200, "127.0.0.2");
});
afterEach(async () => {
  await receiver.close();
  await ctx.close();
});

async function queueOne(url: string): Promise<void> {
  await createEndpoint(ctx.db, { tenantId: ctx.tenant.tenantId, body: { url }, now: ctx.clock.now, allowPrivateTargets: true });
  await enqueueWebhook(ctx.db, { tenantId: ctx.tenant.tenantId, type: "grant.created", data: {}, now: ctx.clock.now });
}

describe("pinned webhook connections on Node", () => {
  it("connects to the address the check approved, not to a second lookup of the name", async () => {
    const port = new URL(receiver.url).port;
    await queueOne(`http://localhost:${port}/hooks/tenure`);
    const checked: string[] = [];
    const resolve = async (host: string): Promise<string[]> => {
      checked.push(host);
      return ["127.0.0.2"];
    };
    const done = await tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true, resolveHost: resolve, post: pinnedPost });
    expect(done["webhook-deliver"]).toBe(1);
    expect(checked).toEqual(["localhost"]);
    expect(receiver.received).toHaveLength(1);
    // The request still names the URL's host.
    expect(receiver.received[0]!.headers.host).toBe(`localhost:${port}`);
  });

  it("would have followed the second lookup without pinning (fetch resolves the name again)", async () => {
    const port = new URL(receiver.url).port;
    await queueOne(`http://localhost:${port}/hooks/tenure`);
    const done = await tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true, resolveHost: async () => ["127.0.0.2"], post: fetchPost() });
    expect(done["webhook-deliver"]).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });

  it("refuses before connecting when the checked address is inward", async () => {
    await queueOne(`http://hooks.example.com:${new URL(receiver.url).port}/x`);
    const done = await tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: false, resolveHost: async () => ["127.0.0.2"], post: pinnedPost });
    expect(done["webhook-deliver"]).toBe(0);
    expect(receiver.received).toHaveLength(0);
  });
});
