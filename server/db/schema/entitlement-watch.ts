import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { tenants } from "./tenants.ts";

/**
 * The last entitlement state announced per account, so `entitlement.state_changed` is sent
 * once per change. `version` is bumped by a conditional update: the tick that wins the bump
 * is the one whose event is stored (its dedupe key carries the version).
 */
export const entitlementWatch = sqliteTable(
  "entitlement_watch",
  {
    accountId: text("account_id")
      .primaryKey()
      .references(() => accounts.id),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    version: integer("version").notNull(),
    state: text("state", { enum: ["active", "expiring", "grace", "locked"] }),
    termId: text("term_id"),
    /** The next boundary at which the state changes by itself; null once locked. */
    nextCheckAt: integer("next_check_at"),
    /** When the state was last evaluated; ledger or term changes since then re-evaluate it. */
    checkedAt: integer("checked_at").notNull(),
  },
  (t) => [index("entitlement_watch_due_idx").on(t.nextCheckAt)],
);
