import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * Lifetime event counts per account and user (`userKey` is "" for the whole account), so
 * checklist rules ("done N times") are read from a counter, never from raw events.
 */
export const usageCounters = sqliteTable(
  "usage_counters",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    userKey: text("user_key").notNull(),
    name: text("name").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.userKey, t.name] })],
);
