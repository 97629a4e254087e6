import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/** Which checklist version an account started with; the first insert wins and is kept. */
export const checklistPins = sqliteTable(
  "checklist_pins",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    checklistKey: text("checklist_key").notNull(),
    version: integer("version").notNull(),
    pinnedAt: integer("pinned_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.checklistKey] })],
);
