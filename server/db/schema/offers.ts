import { sqliteTable, text, integer, uniqueIndex, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";
import { tenants } from "./tenants.ts";

/**
 * A retention offer shown after a decline reason: at most once per account, term and kind
 * (the unique index decides between two admins answering at once). `params` is the offer as
 * configured when shown; accepting applies it once (`status` moves from `shown` only once).
 */
export const offers = sqliteTable(
  "offers",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termId: text("term_id")
      .notNull()
      .references(() => contractTerms.id),
    kind: text("kind", { enum: ["discount", "extension", "bonus_seats", "twelve_plus_one", "upgrade_trial"] }).notNull(),
    reason: text("reason").notNull(),
    params: text("params", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    status: text("status", { enum: ["shown", "accepted", "declined"] }).notNull(),
    shownTo: text("shown_to").notNull(),
    shownAt: integer("shown_at").notNull(),
    decidedBy: text("decided_by"),
    decidedAt: integer("decided_at"),
    /** The ledger row an accepted offer wrote at once (extension, upgrade trial). */
    grantId: text("grant_id"),
  },
  (t) => [uniqueIndex("offers_term_kind_idx").on(t.accountId, t.termId, t.kind), index("offers_tenant_idx").on(t.tenantId, t.shownAt)],
);
