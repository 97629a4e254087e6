import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Where a vendor wants events delivered. The signing secret (`whsec_…`) is kept recoverable
 * because every delivery is signed with it; it is shown to the vendor once, at creation.
 * Removal is soft (`deletedAt`) so the delivery log keeps its endpoint.
 */
export const webhookEndpoints = sqliteTable(
  "webhook_endpoints",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    url: text("url").notNull(),
    description: text("description"),
    secret: text("secret").notNull(),
    /** Event types this endpoint receives; null means all. */
    eventTypes: text("event_types", { mode: "json" }).$type<string[] | null>(),
    createdAt: integer("created_at").notNull(),
    /** Set when the endpoint answered 410 Gone; it then receives nothing until re-added. */
    disabledAt: integer("disabled_at"),
    disabledReason: text("disabled_reason"),
    deletedAt: integer("deleted_at"),
    /** Failed attempts in a row; a success resets it (and the streak). */
    consecutiveFailures: integer("consecutive_failures").notNull().default(0),
    /** When the current failing streak began. */
    failingSince: integer("failing_since"),
    /** When this streak reached `webhookFailureAlertAfter` and the other endpoints were told. */
    failingAlertedAt: integer("failing_alerted_at"),
  },
  (t) => [index("webhook_endpoints_tenant_idx").on(t.tenantId)],
);
