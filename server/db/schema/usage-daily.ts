import { sqliteTable, text, integer, primaryKey } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * Daily rollups per account and local day: how many events of each `kind` and `key` —
 * `event`/name, `feature`/feature, `module`/module, `user`/user id (a user active that day),
 * `nps`/score, and `quantity`/name: the sum of (quantity − 1) over events with a numeric
 * `properties.quantity`, so a metered total is the `event` count plus it (quantity defaults
 * to 1, and most events carry none). Written in the same batch as the events, only for rows
 * that batch inserted.
 */
export const usageDaily = sqliteTable(
  "usage_daily",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    day: text("day").notNull(),
    kind: text("kind", { enum: ["event", "feature", "module", "user", "nps", "quantity"] }).notNull(),
    key: text("key").notNull(),
    count: integer("count").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.day, t.kind, t.key] })],
);
