import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";

/**
 * The in-widget NPS question, answered or dismissed: one row per user and term, so it is
 * asked at most once. The score itself also goes in as an `nps.answered` usage signal.
 */
export const npsResponses = sqliteTable(
  "nps_responses",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termId: text("term_id")
      .notNull()
      .references(() => contractTerms.id),
    userId: text("user_id").notNull(),
    /** 0–10; null when the user dismissed the question. */
    score: integer("score"),
    comment: text("comment"),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.termId, t.userId] })],
);
