import { asc, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries, webhookMessages } from "../../db/schema/index.ts";

const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** An endpoint's deliveries, newest first, each with its event and every attempt made. */
export async function listDeliveries(db: Db, input: { endpointId: string; limit: number }): Promise<Record<string, unknown>[]> {
  const rows = await db
    .select({ delivery: webhookDeliveries, type: webhookMessages.type })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(eq(webhookDeliveries.endpointId, input.endpointId))
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(input.limit);
  const ids = rows.map((row) => row.delivery.id);
  const attempts = ids.length
    ? await db.query.webhookAttempts.findMany({
        where: inArray(webhookAttempts.deliveryId, ids),
        orderBy: [asc(webhookAttempts.attempt), asc(webhookAttempts.at)],
      })
    : [];
  return rows.map(({ delivery, type }) => ({
    id: delivery.id,
    messageId: delivery.messageId,
    eventType: type,
    status: delivery.status,
    attempts: delivery.attempts,
    nextAttemptAt: iso(delivery.nextAttemptAt),
    lastStatusCode: delivery.lastStatusCode,
    lastError: delivery.lastError,
    createdAt: iso(delivery.createdAt),
    finishedAt: iso(delivery.finishedAt),
    log: attempts
      .filter((row) => row.deliveryId === delivery.id)
      .map((row) => ({ attempt: row.attempt, statusCode: row.statusCode, error: row.error, durationMs: row.durationMs, at: iso(row.at) })),
  }));
}
