import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * A vendor's staff member in one tenant, with a role (viewer, csm, finance, owner). The same
 * email may be staff of several tenants. The password (optional) is an scrypt hash.
 */
export const staffMembers = sqliteTable(
  "staff_members",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    email: text("email").notNull(),
    role: text("role", { enum: ["viewer", "csm", "finance", "owner"] }).notNull(),
    passwordHash: text("password_hash"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
    /** Removed staff keep their row so the audit log keeps its actor. */
    disabledAt: integer("disabled_at"),
  },
  (t) => [uniqueIndex("staff_members_tenant_email_idx").on(t.tenantId, t.email)],
);
