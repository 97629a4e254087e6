import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import type { ChecklistDefinition } from "../../../shared/checklists/rules.ts";
import { tenants } from "./tenants.ts";

/**
 * Versioned checklist definitions. Each change of content is a new row with the next
 * `version`; rows are never edited, so an account pinned to a version keeps seeing it.
 */
export const checklists = sqliteTable(
  "checklists",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    /** The vendor's id for the checklist. */
    key: text("key").notNull(),
    version: integer("version").notNull(),
    definition: text("definition", { mode: "json" }).$type<ChecklistDefinition>().notNull(),
    contentHash: text("content_hash").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("checklists_tenant_key_version_idx").on(t.tenantId, t.key, t.version)],
);
