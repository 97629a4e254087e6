import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";
import type { Scorecard } from "../../../shared/health/scorecard.ts";
import { tenants } from "./tenants.ts";

/** A tenant's health scorecard; tenants without a row use the default scorecard. */
export const scorecards = sqliteTable("scorecards", {
  tenantId: text("tenant_id")
    .primaryKey()
    .references(() => tenants.id),
  definition: text("definition", { mode: "json" }).$type<Scorecard>().notNull(),
  updatedAt: integer("updated_at").notNull(),
});
