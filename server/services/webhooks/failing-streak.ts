import { and, eq, gte, isNull, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";
import { webhookEndpoints } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";

export const ENDPOINT_FAILING = "webhook.endpoint_failing";

/**
 * The statements that keep an endpoint's failing streak, for the batch that records an
 * attempt. A success ends the streak. A failure extends it; the failure that brings it to
 * `alertAfter` in a row writes one `webhook.endpoint_failing` event (deduped on the streak's
 * start, so overlapping sends cannot write it twice), which fan-out gives to the tenant's
 * other endpoints, never to the failing one.
 */
export function streakStatements(
  db: Db,
  input: { endpointId: string; ok: boolean; now: number; alertAfter: number; statusCode: number | null; error: string | null },
): BatchItem<"sqlite">[] {
  const { endpointId, now } = input;
  if (input.ok) {
    return [
      db
        .update(webhookEndpoints)
        .set({ consecutiveFailures: 0, failingSince: null, failingAlertedAt: null })
        .where(and(eq(webhookEndpoints.id, endpointId), gte(webhookEndpoints.consecutiveFailures, 1))),
    ];
  }
  const reached = and(
    eq(webhookEndpoints.id, endpointId),
    gte(webhookEndpoints.consecutiveFailures, input.alertAfter),
    isNull(webhookEndpoints.failingAlertedAt),
  );
  return [
    db
      .update(webhookEndpoints)
      .set({ consecutiveFailures: sql`${webhookEndpoints.consecutiveFailures} + 1`, failingSince: sql`COALESCE(${webhookEndpoints.failingSince}, ${now})` })
      .where(eq(webhookEndpoints.id, endpointId)),
    db.run(sql`INSERT INTO webhook_messages (id, tenant_id, type, payload, dedupe_key, created_at)
      SELECT ${newId("msg")}, e.tenant_id, ${ENDPOINT_FAILING},
        json_object('type', ${ENDPOINT_FAILING}, 'timestamp', ${new Date(now).toISOString()}, 'data', json_object(
          'endpointId', e.id, 'url', e.url, 'consecutiveFailures', e.consecutive_failures,
          'failingSince', strftime('%Y-%m-%dT%H:%M:%fZ', e.failing_since / 1000.0, 'unixepoch'),
          'lastStatusCode', ${input.statusCode}, 'lastError', ${input.error})),
        'endpoint_failing:' || e.id || ':' || e.failing_since, ${now}
      FROM webhook_endpoints e
      WHERE e.id = ${endpointId} AND e.consecutive_failures >= ${input.alertAfter} AND e.failing_alerted_at IS NULL
      ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`),
    db.update(webhookEndpoints).set({ failingAlertedAt: now }).where(reached),
  ];
}

/** Whether fan-out must leave `endpointId` out of this message: the failing endpoint is not told about itself. */
export function aboutEndpoint(message: { type: string; payload: Record<string, unknown> }, endpointId: string): boolean {
  if (message.type !== ENDPOINT_FAILING) return false;
  const data = message.payload.data as { endpointId?: unknown } | undefined;
  return data?.endpointId === endpointId;
}
