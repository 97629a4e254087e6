import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * The outbox: every event Tenure tells a vendor about, written in the same breath as the
 * change that caused it. `dedupeKey` makes "send once" a unique constraint, so overlapping
 * scheduler ticks cannot emit the same event twice. Delivery to endpoints is tracked apart.
 */
export const webhookMessages = sqliteTable(
  "webhook_messages",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    type: text("type").notNull(),
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    dedupeKey: text("dedupe_key").notNull(),
    createdAt: integer("created_at").notNull(),
    /** Set once delivery rows have been created for every enabled endpoint. */
    fannedOutAt: integer("fanned_out_at"),
  },
  (t) => [uniqueIndex("webhook_messages_dedupe_idx").on(t.tenantId, t.dedupeKey), index("webhook_messages_fanout_idx").on(t.fannedOutAt)],
);
