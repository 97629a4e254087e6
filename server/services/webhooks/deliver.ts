import { and, asc, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints, webhookMessages } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { refuseTarget } from "../../lib/resolve-host.ts";
import { runBatch } from "../renewals/batch.ts";
import type { SchedulerDeps } from "../scheduler/deps.ts";
import type { Job } from "../scheduler/jobs.ts";
import { MAX_ATTEMPTS, nextAttemptAt } from "./backoff.ts";
import { openWebhookSecret } from "../tenants/secrets.ts";

/** How long a claimed delivery is ours; past it, another tick may try again. */
const LEASE_MS = 60_000;
const TIMEOUT_MS = 10_000;
const BATCH_SIZE = 50;
const CONCURRENCY = 8;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type MessageRow = typeof webhookMessages.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

/**
 * Sends due deliveries. A delivery is claimed by one conditional UPDATE that sets its lease
 * and counts the attempt, so two overlapping ticks never send the same attempt. Each
 * delivery is signed the Standard Webhooks way (`webhook-id` is the message id, the same on
 * every retry); 2xx succeeds, 410 disables the endpoint, anything else retries on the
 * schedule in `backoff.ts` until the attempts run out.
 */
export const deliverWebhooksJob: Job = {
  name: "webhook-deliver",
  async run(db: Db, now: number, deps: SchedulerDeps): Promise<number> {
    const free = or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now));
    const due = and(eq(webhookDeliveries.status, "pending"), lte(webhookDeliveries.nextAttemptAt, now), free);
    const lease = now + LEASE_MS;
    const claimed = await db
      .update(webhookDeliveries)
      .set({ leaseUntil: lease, attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
      .where(
        and(
          inArray(
            webhookDeliveries.id,
            db.select({ id: webhookDeliveries.id }).from(webhookDeliveries).where(due).orderBy(asc(webhookDeliveries.nextAttemptAt)).limit(BATCH_SIZE),
          ),
          due,
        ),
      )
      .returning();
    if (claimed.length === 0) return 0;
    const [messages, endpoints] = await Promise.all([
      db.query.webhookMessages.findMany({ where: inArray(webhookMessages.id, claimed.map((row) => row.messageId)) }),
      db.query.webhookEndpoints.findMany({ where: inArray(webhookEndpoints.id, claimed.map((row) => row.endpointId)) }),
    ]);
    let sent = 0;
    const queue = [...claimed];
    await Promise.all(
      Array.from({ length: Math.min(CONCURRENCY, queue.length) }, async () => {
        for (let delivery = queue.shift(); delivery; delivery = queue.shift()) {
          const message = messages.find((row) => row.id === delivery!.messageId)!;
          const endpoint = endpoints.find((row) => row.id === delivery!.endpointId)!;
          const secret = await openWebhookSecret(db, endpoint.id, endpoint.secret);
          const outcome = await attempt(message, { ...endpoint, secret }, now, deps);
          await record(db, { delivery, endpoint, outcome, lease, now });
          if (outcome.statusCode !== null && outcome.statusCode < 300 && outcome.statusCode >= 200) sent++;
        }
      }),
    );
    return sent;
  },
};

/** One signed POST, or the reason it was not made. Never throws. */
async function attempt(message: MessageRow, endpoint: EndpointRow, now: number, deps: SchedulerDeps): Promise<Outcome> {
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): Outcome => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  if (endpoint.deletedAt != null || endpoint.disabledAt != null) return done(null, "endpoint disabled");
  const url = new URL(endpoint.url);
  const refused = await refuseTarget(url, { allowPrivate: deps.allowPrivateWebhookTargets, resolve: deps.resolveHost });
  if (refused) return done(null, `refused: ${refused}`);
  const body = JSON.stringify(message.payload);
  try {
    const response = await deps.fetch(url, {
      method: "POST",
      redirect: "manual",
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        "content-type": "application/json",
        "user-agent": "Tenure-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(now / 1000)),
        "webhook-signature": new Webhook(endpoint.secret).sign(message.id, new Date(now), body),
      },
      body,
    });
    await response.body?.cancel().catch(() => undefined);
    const redirected = response.status >= 300 && response.status < 400;
    return done(response.status, redirected ? "redirects are not followed" : response.ok ? null : `answered ${response.status}`);
  } catch (error) {
    const name = error instanceof Error ? error.name : "";
    return done(null, name === "TimeoutError" ? `no answer within ${TIMEOUT_MS / 1000} s` : `could not connect: ${error instanceof Error ? error.message : "error"}`);
  }
}

async function record(
  db: Db,
  input: { delivery: DeliveryRow; endpoint: EndpointRow; outcome: Outcome; lease: number; now: number },
): Promise<void> {
  const { delivery, endpoint, outcome, now } = input;
  const ok = outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
  const gone = outcome.statusCode === 410;
  const disabled = outcome.error === "endpoint disabled";
  const retryAt = ok || gone || disabled ? null : nextAttemptAt(delivery.attempts, now);
  const finished = retryAt === null;
  const ours = and(eq(webhookDeliveries.id, delivery.id), eq(webhookDeliveries.leaseUntil, input.lease));
  await runBatch(db, [
    db.insert(webhookAttempts).values({
      id: newId("att"),
      deliveryId: delivery.id,
      attempt: delivery.attempts,
      statusCode: outcome.statusCode,
      error: outcome.error,
      durationMs: outcome.durationMs,
      at: now,
    }),
    db
      .update(webhookDeliveries)
      .set({
        status: ok ? "succeeded" : finished ? "failed" : "pending",
        leaseUntil: null,
        nextAttemptAt: retryAt,
        lastStatusCode: outcome.statusCode,
        lastError: outcome.error ?? (finished && !ok ? `gave up after ${MAX_ATTEMPTS} attempts` : null),
        finishedAt: finished ? now : null,
      })
      .where(ours),
    ...(gone
      ? [
          db
            .update(webhookEndpoints)
            .set({ disabledAt: now, disabledReason: "the endpoint answered 410 Gone" })
            .where(and(eq(webhookEndpoints.id, endpoint.id), isNull(webhookEndpoints.disabledAt))),
          db
            .update(webhookDeliveries)
            .set({ status: "failed", lastError: "endpoint disabled (410 Gone)", finishedAt: now, nextAttemptAt: null })
            .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, "pending"), isNull(webhookDeliveries.leaseUntil))),
        ]
      : []),
  ]);
}
