import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";

/**
 * The grants ledger: bonus seats, gifted time, and renewal holds. Rows are never deleted;
 * a lapsed hold is voided. `createdBy` names the key or system actor that granted it.
 */
export const grants = sqliteTable(
  "grants",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id").notNull().references(() => accounts.id),
    termId: text("term_id").references(() => contractTerms.id),
    type: text("type", { enum: ["seats", "time", "hold"] }).notNull(),
    seats: integer("seats"),
    days: integer("days"),
    hours: integer("hours"),
    holdUntil: integer("hold_until"),
    expiresAt: integer("expires_at"),
    reason: text("reason").notNull(),
    createdBy: text("created_by").notNull(),
    createdAt: integer("created_at").notNull(),
    voidedAt: integer("voided_at"),
  },
  (t) => [index("grants_account_idx").on(t.accountId, t.createdAt)],
);
