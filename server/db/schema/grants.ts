import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";

/**
 * The grants ledger: bonus seats, gifted time, renewal holds, feature overrides and their
 * revocations. Rows are never deleted; a lapsed hold is voided, a feature grant is taken back
 * by a `revoke` row naming it (`revokes`). `createdBy` names the key or system actor.
 */
export const grants = sqliteTable(
  "grants",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termId: text("term_id").references(() => contractTerms.id),
    type: text("type", { enum: ["seats", "time", "hold", "feature", "revoke"] }).notNull(),
    seats: integer("seats"),
    days: integer("days"),
    hours: integer("hours"),
    holdUntil: integer("hold_until"),
    feature: text("feature"),
    enabled: integer("enabled", { mode: "boolean" }),
    featureLimit: integer("feature_limit"),
    revokes: text("revokes"),
    expiresAt: integer("expires_at"),
    reason: text("reason").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    voidedAt: integer("voided_at"),
  },
  (t) => [index("grants_account_idx").on(t.accountId, t.createdAt)],
);
