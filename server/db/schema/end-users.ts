import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/** An end user of a vendor's product, first seen through a verified user token. */
export const endUsers = sqliteTable(
  "end_users",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    externalId: text("external_id").notNull(),
    role: text("role", { enum: ["admin", "member"] }).notNull(),
    name: text("name"),
    email: text("email"),
    /** Banner dismissals and modal snoozes, remembered per user. */
    bannerDismissedUntil: integer("banner_dismissed_until"),
    modalSnoozedUntil: integer("modal_snoozed_until"),
    firstSeenAt: integer("first_seen_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
  },
  (t) => [uniqueIndex("end_users_account_external_idx").on(t.accountId, t.externalId)],
);
