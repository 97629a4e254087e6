import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { staffMembers } from "./staff-members.ts";

/** One-time sign-in links. Only the SHA-256 of the token is stored; `usedAt` makes it one-time. */
export const staffSignInLinks = sqliteTable(
  "staff_sign_in_links",
  {
    tokenHash: text("token_hash").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staffMembers.id),
    createdAt: integer("created_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    usedAt: integer("used_at"),
  },
  (t) => [index("staff_sign_in_links_staff_idx").on(t.staffId)],
);
