import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import type { MeasureResult } from "../../../shared/health/scorecard.ts";
import { accounts } from "./accounts.ts";

/** One health reading per account per local day, for the trend; the first writer of a day wins. */
export const healthSnapshots = sqliteTable(
  "health_snapshots",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    day: text("day").notNull(),
    score: integer("score").notNull(),
    risk: text("risk", { enum: ["high", "medium", "low"] }).notNull(),
    measures: text("measures", { mode: "json" }).$type<MeasureResult[]>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day] })],
);
