import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/** A vendor's customer. `externalId` is the vendor's own account id. */
export const accounts = sqliteTable(
  "accounts",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    externalId: text("external_id").notNull(),
    name: text("name").notNull(),
    timezone: text("timezone").notNull(),
    locale: text("locale"),
    segment: text("segment", { enum: ["high_touch", "tech_touch"] }).notNull(),
    stage: text("stage"),
    /** Who owns the account at the vendor: a staff email or a CRM id. */
    owner: text("owner"),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [uniqueIndex("accounts_tenant_external_idx").on(t.tenantId, t.externalId)],
);
