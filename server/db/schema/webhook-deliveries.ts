import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";
import { webhookEndpoints } from "./webhook-endpoints.ts";
import { webhookMessages } from "./webhook-messages.ts";

/**
 * One message on its way to one endpoint. A tick claims a due delivery by setting
 * `leaseUntil` with a conditional update, so overlapping ticks never send the same attempt.
 */
export const webhookDeliveries = sqliteTable(
  "webhook_deliveries",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    messageId: text("message_id")
      .notNull()
      .references(() => webhookMessages.id),
    endpointId: text("endpoint_id")
      .notNull()
      .references(() => webhookEndpoints.id),
    status: text("status", { enum: ["pending", "succeeded", "failed"] }).notNull(),
    /** Attempts made (or under way); the next one is number `attempts + 1`. */
    attempts: integer("attempts").notNull(),
    nextAttemptAt: integer("next_attempt_at"),
    leaseUntil: integer("lease_until"),
    lastAttemptAt: integer("last_attempt_at"),
    lastStatusCode: integer("last_status_code"),
    lastError: text("last_error"),
    createdAt: integer("created_at").notNull(),
    finishedAt: integer("finished_at"),
  },
  (t) => [
    uniqueIndex("webhook_deliveries_message_endpoint_idx").on(t.messageId, t.endpointId),
    index("webhook_deliveries_due_idx").on(t.status, t.nextAttemptAt),
    index("webhook_deliveries_endpoint_idx").on(t.endpointId, t.createdAt),
    // Sends under way, counted against each endpoint's and tenant's concurrency cap.
    index("webhook_deliveries_lease_idx").on(t.leaseUntil),
    index("webhook_deliveries_tenant_status_idx").on(t.tenantId, t.status, t.createdAt),
  ],
);
