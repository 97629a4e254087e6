import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * An account whose seats reached a threshold — `licensed` (overage began) or `limit` (a user
 * was refused) — since it last had room. The row makes `seats.limit_reached` fire once per
 * crossing; a released seat or a user seated below the threshold deletes it.
 */
export const seatAlerts = sqliteTable(
  "seat_alerts",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    threshold: text("threshold", { enum: ["licensed", "limit"] }).notNull(),
    reachedAt: integer("reached_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.threshold] })],
);
