import { sqliteTable, text, integer, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";
import { tenants } from "./tenants.ts";

/**
 * "Not now" / "don't renew", with its reason: one per user, account and term (each person's
 * first answer stands; the first of the term hands the account to recovery and fires the
 * webhook), and the hand-over's state (`recoveryStatus`).
 */
export const renewalDeclines = sqliteTable(
  "renewal_declines",
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
    reason: text("reason", {
      enum: ["too_expensive", "missing_feature", "not_used_enough", "switching_product", "budget", "other"],
    }).notNull(),
    detail: text("detail"),
    /** The end user (vendor's user id) who answered. */
    userId: text("user_id").notNull(),
    recoveryStatus: text("recovery_status", { enum: ["open", "closed"] }).notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [uniqueIndex("renewal_declines_term_user_idx").on(t.accountId, t.termId, t.userId)],
);
