import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import type { PlanFeatures } from "../../../shared/features/plan.ts";
import { tenants } from "./tenants.ts";

/** A vendor's plans. Contracts name a plan by `id`; a change applies to every account on it at once. */
export const plans = sqliteTable(
  "plans",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    id: text("id").notNull(),
    name: text("name").notNull(),
    features: text("features", { mode: "json" }).$type<PlanFeatures>().notNull(),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.id] })],
);
