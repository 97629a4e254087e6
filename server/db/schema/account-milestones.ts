import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * Once-in-a-lifetime account milestones (`first_value`, `first_value_missed`). Insert-or-ignore:
 * the first writer records the instant, later writers learn they were not first.
 */
export const accountMilestones = sqliteTable(
  "account_milestones",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    milestone: text("milestone", { enum: ["first_value", "first_value_missed"] }).notNull(),
    reachedAt: integer("reached_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.milestone] })],
);
