import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";

/**
 * The reminder timeline's ledger: one row per account, term and milestone (days before the
 * contract end). The primary key is what makes "once per term" hold when ticks overlap.
 * `status` is `skipped` for a milestone already stale when first seen (a later one was due).
 */
export const remindersSent = sqliteTable(
  "reminders_sent",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termId: text("term_id")
      .notNull()
      .references(() => contractTerms.id),
    days: integer("days").notNull(),
    status: text("status", { enum: ["sent", "skipped"] }).notNull(),
    /** Whether the milestone shows an in-app notice (tech-touch) besides its webhook. */
    inApp: integer("in_app", { mode: "boolean" }).notNull(),
    dueAt: integer("due_at").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.termId, t.days] })],
);
