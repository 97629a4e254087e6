import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";
import { tenants } from "./tenants.ts";

/**
 * A renewal of one contract term, from start to completion. `openTermId` holds the renewed
 * term's id while the renewal is pending and null afterwards: its unique index is what makes
 * "at most one open renewal per term" true under concurrent clicks.
 */
export const renewals = sqliteTable(
  "renewals",
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
    openTermId: text("open_term_id"),
    provider: text("provider", { enum: ["url", "invoice", "stripe"] }).notNull(),
    status: text("status", { enum: ["pending", "completed", "expired", "failed"] }).notNull(),
    /** The next term as quoted at start; dates are rewritten at completion from the renewed term. */
    nextStartDate: text("next_start_date").notNull(),
    nextEndDate: text("next_end_date").notNull(),
    seats: integer("seats").notNull(),
    amountValue: integer("amount_value"),
    amountCurrency: text("amount_currency"),
    /** The hold grant this renewal created, if it was the first renewal of its term. */
    holdGrantId: text("hold_grant_id"),
    checkoutUrl: text("checkout_url"),
    /** Where the customer returns after the checkout (origin-checked when given by the widget). */
    returnUrl: text("return_url"),
    stripeSessionId: text("stripe_session_id"),
    /** The payment reference shown to the customer (invoice provider). */
    reference: text("reference"),
    startedBy: text("started_by").notNull(),
    startedAt: integer("started_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
    completedAt: integer("completed_at"),
    endedAt: integer("ended_at"),
    failureReason: text("failure_reason"),
    newTermId: text("new_term_id"),
  },
  (t) => [
    uniqueIndex("renewals_open_term_idx").on(t.openTermId),
    index("renewals_account_idx").on(t.accountId, t.startedAt),
    index("renewals_due_idx").on(t.status, t.expiresAt),
    index("renewals_stripe_session_idx").on(t.stripeSessionId),
  ],
);
