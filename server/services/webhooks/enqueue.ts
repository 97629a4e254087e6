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

/**
 * Writes an event to the outbox. Returns the message id, or null when an event with the same
 * `dedupeKey` was already written (so callers can tell "I sent it" from "someone did").
 */
export async function enqueueWebhook(db: Db, event: WebhookEvent): Promise<string | null> {
  const id = newId("msg");
  const inserted = await db
    .insert(webhookMessages)
    .values({
      id,
      tenantId: event.tenantId,
      type: event.type,
      payload: { type: event.type, timestamp: new Date(event.now).toISOString(), data: event.data },
      dedupeKey: event.dedupeKey ?? id,
      createdAt: event.now,
    })
    .onConflictDoNothing({ target: [webhookMessages.tenantId, webhookMessages.dedupeKey] })
    .returning({ id: webhookMessages.id });
  return inserted[0]?.id ?? null;
}
