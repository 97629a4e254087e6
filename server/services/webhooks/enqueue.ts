import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookMessages } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";

export interface WebhookEvent {
  tenantId: string;
  /** e.g. `renewal.completed`, `entitlement.state_changed`, `grant.created`. */
  type: string;
  /** The event's data; delivered as `{ type, timestamp, data }`. */
  data: Record<string, unknown>;
  /** What makes this event unique; the same key twice is stored once. Defaults to a fresh id. */
  dedupeKey?: string;
  now: number;
}

function messageValues(event: WebhookEvent): typeof webhookMessages.$inferInsert {
  const id = newId("msg");
  return {
    id,
    tenantId: event.tenantId,
    type: event.type,
    payload: { type: event.type, timestamp: new Date(event.now).toISOString(), data: event.data },
    dedupeKey: event.dedupeKey ?? id,
    createdAt: event.now,
  };
}

/**
 * The outbox insert as a query, not yet run, so callers can put it in the same `db.batch`
 * (one transaction) as the change it reports.
 */
export function webhookInsert(db: Db, event: WebhookEvent) {
  return db
    .insert(webhookMessages)
    .values(messageValues(event))
    .onConflictDoNothing({ target: [webhookMessages.tenantId, webhookMessages.dedupeKey] })
    .returning({ id: webhookMessages.id });
}

/**
 * The outbox insert, written only if `condition` holds when the statement runs — for a batch
 * whose change is itself conditional (a completion that may lose to another), so the event is
 * stored exactly when the change happened.
 */
export function webhookInsertWhen(db: Db, event: WebhookEvent, condition: SQL) {
  const row = messageValues(event);
  return db.run(sql`INSERT INTO webhook_messages (id, tenant_id, type, payload, dedupe_key, created_at)
    SELECT ${row.id}, ${row.tenantId}, ${row.type}, ${JSON.stringify(row.payload)}, ${row.dedupeKey}, ${row.createdAt}
    WHERE ${condition}
    ON CONFLICT (tenant_id, dedupe_key) DO NOTHING`);
}

/**
 * Writes an event to the outbox. Returns the message id, or null when an event with the same
 * `dedupeKey` was already written (so callers can tell "I sent it" from "someone did").
 */
export async function enqueueWebhook(db: Db, event: WebhookEvent): Promise<string | null> {
  const inserted = await webhookInsert(db, event);
  return inserted[0]?.id ?? null;
}
