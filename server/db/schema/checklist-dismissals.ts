import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/** A user's dismissal or snooze of a checklist: hidden while `hiddenUntil` is in the future. */
export const checklistDismissals = sqliteTable(
  "checklist_dismissals",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userKey: text("user_key").notNull(),
    checklistKey: text("checklist_key").notNull(),
    hiddenUntil: integer("hidden_until").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userKey, t.checklistKey] })],
);
