import { createServer } from "node:http";
import { eq } from "drizzle-orm";
import { webhookDeliveries, webhookEndpoints } from "../../server/db/schema/index.ts";
import { pinnedPost } from "../../server/lib/pinned-post.ts";
import { startTicking } from "../../server/services/scheduler/tick.ts";
import { createEndpoint } from "../../server/services/webhooks/endpoints.ts";
import { enqueueWebhook } from "../../server/services/webhooks/enqueue.ts";
import { createTestContext } from "../support/api.ts";
import { startHangingServer } from "../support/hanging-server.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";
import { sleep } from "./support.ts";
import type { SoakRow } from "./support.ts";

const BACKLOG = 50;

/** An endpoint that answers 302 to `location`. */
async function startRedirector(location: string): Promise<{ url: string; hits: number; close(): Promise<void> }> {
  const state: { url: string; hits: number; close(): Promise<void> } = { url: "", hits: 0, close: async () => undefined };
  const server = createServer((request, response) => {
    state.hits++;
    request.resume();
    response.writeHead(302, { location }).end();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  state.url = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}/hook`;
  state.close = () => new Promise<void>((done) => server.close(() => done()));
  return state;
}

/**
 * One tenant's endpoints hang, answer 500, answer 410 and redirect, each with a backlog of 50
 * events; another tenant's healthy endpoint must still get its event within 2 s, the 410
 * endpoint must be disabled, and the redirect never followed.
 */
export async function hostileEndpoints(): Promise<SoakRow[]> {
  const ctx = await createTestContext({ now: new Date().toISOString() });
  const hanging = await startHangingServer();
  const failing = await startWebhookReceiver(() => 500);
  const gone = await startWebhookReceiver(() => 410);
  const behindRedirect = await startWebhookReceiver(() => 200);
  const redirector = await startRedirector(behindRedirect.url);
  const healthy = await startWebhookReceiver(() => 200);
  let stop: (() => Promise<void>) | null = null;
  try {
    const other = await ctx.createTenant("Other SaaS");
    const now = Date.now() - 1_000;
    const add = async (tenantId: string, url: string): Promise<string> =>
      (await createEndpoint(ctx.db, { tenantId, body: { url }, now, allowPrivateTargets: true })).id;
    await add(ctx.tenant.tenantId, hanging.url);
    await add(ctx.tenant.tenantId, failing.url);
    const goneId = await add(ctx.tenant.tenantId, gone.url);
    await add(ctx.tenant.tenantId, redirector.url);
    await add(other.tenantId, healthy.url);
    for (let i = 0; i < BACKLOG; i++) await enqueueWebhook(ctx.db, { tenantId: ctx.tenant.tenantId, type: "grant.created", data: { n: i }, now });
    stop = startTicking(ctx.db, { clock: Date.now, intervalMs: 200, deps: { allowPrivateWebhookTargets: true, post: pinnedPost } });
    const settle = performance.now();
    while (hanging.received < 4 && performance.now() - settle < 10_000) await sleep(20);
    const delays: number[] = [];
    for (let round = 0; round < 5; round++) {
      const sentAt = Date.now();
      await enqueueWebhook(ctx.db, { tenantId: other.tenantId, type: "grant.created", data: { round }, now: sentAt });
      while (healthy.received.length <= round && Date.now() - sentAt < 15_000) await sleep(10);
      delays.push(Date.now() - sentAt);
    }
    const worst = Math.max(...delays);
    const goneRow = await ctx.db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, goneId) });
    const deliveries = await ctx.db.select().from(webhookDeliveries);
    const failed = deliveries.filter((row) => row.status === "failed").length;
    return [
      {
        scenario: "webhooks: hang/500/410/redirect",
        figure: `other tenant's delivery ${delays.join(", ")} ms (worst ${worst} ms, goal ≤ 2000)`,
        ok: worst <= 2_000,
      },
      {
        scenario: "webhooks: hang/500/410/redirect",
        figure: `hanging endpoint: ${hanging.maxOpen} open at most (cap 4), ${hanging.received} received`,
        ok: hanging.maxOpen <= 4,
      },
      {
        scenario: "webhooks: hang/500/410/redirect",
        figure: `500: ${failing.received.length} attempts; 410: ${gone.received.length} attempt(s), endpoint ${goneRow?.disabledAt ? "disabled" : "NOT disabled"}; redirect: ${redirector.hits} answered 302, ${behindRedirect.received.length} followed; ${failed} deliveries finished as failed`,
        ok: goneRow?.disabledAt != null && gone.received.length >= 1 && behindRedirect.received.length === 0,
      },
    ];
  } finally {
    await stop?.();
    await Promise.all([hanging.close(), failing.close(), gone.close(), behindRedirect.close(), redirector.close(), healthy.close()]);
    await ctx.close();
  }
}
