import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * The first successful answer to a request sent with an `Idempotency-Key`, replayed for the
 * same key. `fingerprint` (route and body) refuses the key's reuse for a different request.
 */
export const idempotencyKeys = sqliteTable(
  "idempotency_keys",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    key: text("key").notNull(),
    fingerprint: text("fingerprint").notNull(),
    status: integer("status").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.key] })],
);
