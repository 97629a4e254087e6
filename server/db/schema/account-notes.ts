import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/** A staff note on an account (the CSM's memory of calls, risks and promises). */
export const accountNotes = sqliteTable(
  "account_notes",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    authorEmail: text("author_email").notNull(),
    body: text("body").notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [index("account_notes_account_idx").on(t.accountId, t.createdAt)],
);
