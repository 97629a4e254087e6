import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/** Every staff action: who, what, on what, when, and the state before and after. Append-only. */
export const auditLog = sqliteTable(
  "audit_log",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    actorId: text("actor_id").notNull(),
    actorEmail: text("actor_email").notNull(),
    action: text("action").notNull(),
    /** What was acted on, e.g. `account:acme-cn`, `grant:grt_…`, `staff:mei@…`. */
    target: text("target").notNull(),
    before: text("before", { mode: "json" }).$type<unknown>(),
    after: text("after", { mode: "json" }).$type<unknown>(),
    requestId: text("request_id").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("audit_log_tenant_idx").on(t.tenantId, t.at)],
);
