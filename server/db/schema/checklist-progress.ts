import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * Completed checklist steps. `userKey` is the user's id for steps done per user and "" for
 * steps done by the account. Rows are only ever inserted (insert-or-ignore): completion
 * never goes backwards and `completedAt` is the first time it was reached.
 */
export const checklistProgress = sqliteTable(
  "checklist_progress",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    checklistKey: text("checklist_key").notNull(),
    stepId: text("step_id").notNull(),
    userKey: text("user_key").notNull(),
    completedAt: integer("completed_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.checklistKey, t.stepId, t.userKey] })],
);
