import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * When a scheduled job next has work for an account (services/scheduler/due-queue.ts): jobs
 * read only rows whose `dueAt` has come, on the (job, due_at) index, so a tick's cost grows
 * with the work that is due, not with the number of accounts.
 */
export const accountDue = sqliteTable(
  "account_due",
  {
    job: text("job").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    dueAt: integer("due_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.job, t.accountId] }), index("account_due_job_due_idx").on(t.job, t.dueAt)],
);
