import { and, eq, isNull } from "drizzle-orm";
import { Webhook } from "standardwebhooks";
import type { Db } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import type { webhookMessages } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { checkTarget } from "../../lib/resolve-host.ts";
import { runBatch } from "../renewals/batch.ts";
import type { SchedulerDeps } from "../scheduler/deps.ts";
import { openWebhookSecret } from "../tenants/secrets.ts";
import { MAX_ATTEMPTS, nextAttemptAt } from "./backoff.ts";
import { streakStatements } from "./failing-streak.ts";

const TIMEOUT_MS = 10_000;

type DeliveryRow = typeof webhookDeliveries.$inferSelect;
type MessageRow = typeof webhookMessages.$inferSelect;
type EndpointRow = typeof webhookEndpoints.$inferSelect;

interface Outcome {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
}

export interface SendInput {
  delivery: DeliveryRow;
  message: MessageRow;
  endpoint: EndpointRow;
  /** The lease the claim set; the outcome is recorded only while it is still ours. */
  lease: number;
  now: number;
  deps: SchedulerDeps;
  /** The tenant's `webhookFailureAlertAfter`. */
  alertAfter: number;
  /** Aborts the send when the process stops; the lease then runs out and another tick retries. */
  signal?: AbortSignal;
}

/**
 * One claimed delivery: signed the Standard Webhooks way (`webhook-id` is the message id, the
 * same on every retry) and posted; 2xx succeeds, 410 disables the endpoint, anything else
 * retries on the schedule in `backoff.ts` until the attempts run out. Answers whether it succeeded.
 */
export async function sendDelivery(db: Db, input: SendInput): Promise<boolean> {
  const secret = await openWebhookSecret(db, input.endpoint.id, input.endpoint.secret);
  const outcome = await attempt(input.message, { ...input.endpoint, secret }, input);
  if (input.signal?.aborted) return false;
  await record(db, input, outcome);
  return isSuccess(outcome);
}

function isSuccess(outcome: Outcome): boolean {
  return outcome.statusCode !== null && outcome.statusCode >= 200 && outcome.statusCode < 300;
}

/** One signed POST, or the reason it was not made. Never throws. */
async function attempt(message: MessageRow, endpoint: EndpointRow, input: SendInput): Promise<Outcome> {
  const { deps, now } = input;
  const started = performance.now();
  const done = (statusCode: number | null, error: string | null): Outcome => ({
    statusCode,
    error,
    durationMs: Math.round(performance.now() - started),
  });
  if (endpoint.deletedAt != null || endpoint.disabledAt != null) return done(null, "endpoint disabled");
  const url = new URL(endpoint.url);
  const checked = await checkTarget(url, { allowPrivate: deps.allowPrivateWebhookTargets, resolve: deps.resolveHost });
  if ("refused" in checked) return done(null, `refused: ${checked.refused}`);
  const body = JSON.stringify(message.payload);
  const timeout = AbortSignal.timeout(TIMEOUT_MS);
  try {
    const status = await deps.post({
      url,
      address: checked.address,
      signal: input.signal ? AbortSignal.any([timeout, input.signal]) : timeout,
      headers: {
        "content-type": "application/json",
        "user-agent": "Tenure-Webhooks/1",
        "webhook-id": message.id,
        "webhook-timestamp": String(Math.floor(now / 1000)),
        "webhook-signature": new Webhook(endpoint.secret).sign(message.id, new Date(now), body),
      },
      body,
    });
    const redirected = status >= 300 && status < 400;
    return done(status, redirected ? "redirects are not followed" : status >= 200 && status < 300 ? null : `answered ${status}`);
  } catch (error) {
    const timedOut = timeout.aborted || (error instanceof Error && error.name === "TimeoutError");
    return done(null, timedOut ? `no answer within ${TIMEOUT_MS / 1000} s` : `could not connect: ${error instanceof Error ? error.message : "error"}`);
  }
}

async function record(db: Db, input: SendInput, outcome: Outcome): Promise<void> {
  const { delivery, endpoint, now } = input;
  const ok = isSuccess(outcome);
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
    ...(disabled
      ? []
      : streakStatements(db, { endpointId: endpoint.id, ok, now, alertAfter: input.alertAfter, statusCode: outcome.statusCode, error: outcome.error })),
  ]);
}
