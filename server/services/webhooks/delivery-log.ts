import { and, asc, desc, eq, inArray, lt, or } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookAttempts, webhookDeliveries, webhookMessages } from "../../db/schema/index.ts";

const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** An endpoint's deliveries, newest first, each with its event and every attempt made. */
export async function listDeliveries(db: Db, input: { endpointId: string; limit: number }): Promise<Record<string, unknown>[]> {
  return deliveriesWhere(db, eq(webhookDeliveries.endpointId, input.endpointId), input.limit);
}

/**
 * A tenant's deliveries across its endpoints, newest first, optionally of one status (the
 * failures an operator replays), a page at a time: `nextCursor` continues after the last row.
 */
export async function listTenantDeliveries(
  db: Db,
  input: { tenantId: string; status?: "pending" | "succeeded" | "failed"; limit: number; cursor?: string },
): Promise<{ data: Record<string, unknown>[]; nextCursor: string | null }> {
  const conditions: SQL[] = [eq(webhookDeliveries.tenantId, input.tenantId)];
  if (input.status) conditions.push(eq(webhookDeliveries.status, input.status));
  if (input.cursor) {
    const dot = input.cursor.indexOf(".");
    const createdAt = Number(input.cursor.slice(0, dot));
    const id = input.cursor.slice(dot + 1);
    conditions.push(or(lt(webhookDeliveries.createdAt, createdAt), and(eq(webhookDeliveries.createdAt, createdAt), lt(webhookDeliveries.id, id)))!);
  }
  const data = await deliveriesWhere(db, and(...conditions)!, input.limit + 1);
  const more = data.length > input.limit;
  const page = more ? data.slice(0, input.limit) : data;
  const last = page.at(-1);
  return { data: page, nextCursor: more && last ? `${Date.parse(String(last.createdAt))}.${String(last.id)}` : null };
}

async function deliveriesWhere(db: Db, where: SQL, limit: number): Promise<Record<string, unknown>[]> {
  const rows = await db
    .select({ delivery: webhookDeliveries, type: webhookMessages.type })
    .from(webhookDeliveries)
    .innerJoin(webhookMessages, eq(webhookMessages.id, webhookDeliveries.messageId))
    .where(where)
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.id))
    .limit(limit);
  const ids = rows.map((row) => row.delivery.id);
  const attempts = ids.length
    ? await db.query.webhookAttempts.findMany({
        where: inArray(webhookAttempts.deliveryId, ids),
        orderBy: [asc(webhookAttempts.attempt), asc(webhookAttempts.at)],
      })
    : [];
  return rows.map(({ delivery, type }) => ({
    id: delivery.id,
    endpointId: delivery.endpointId,
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
