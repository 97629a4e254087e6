import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { endUsers } from "./end-users.ts";

/** Which users hold a seat. A user holds at most one seat per account; release sets `releasedAt`. */
export const seatAssignments = sqliteTable(
  "seat_assignments",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userId: text("user_id")
      .notNull()
      .references(() => endUsers.id),
    assignedAt: integer("assigned_at").notNull(),
    releasedAt: integer("released_at"),
  },
  (t) => [uniqueIndex("seat_assignments_user_idx").on(t.accountId, t.userId)],
);
