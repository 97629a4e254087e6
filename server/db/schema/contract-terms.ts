import { sqliteTable, text, integer, real, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";

/**
 * Contract terms, history kept: the current term is the one with the highest `seq`.
 * `contractEndsAt` is derived from `endDate` and the account's zone, stored for queries by expiry.
 */
export const contractTerms = sqliteTable(
  "contract_terms",
  {
    id: text("id").primaryKey(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    seq: integer("seq").notNull(),
    startDate: text("start_date").notNull(),
    endDate: text("end_date").notNull(),
    contractEndsAt: integer("contract_ends_at").notNull(),
    seats: integer("seats").notNull(),
    /** Null means the tenant's default. */
    graceHours: integer("grace_hours"),
    lockMode: text("lock_mode", { enum: ["soft", "read_only", "hard"] }),
    plan: text("plan"),
    /** Null means `allow`: seats are given past the licensed count. */
    seatPolicy: text("seat_policy", { enum: ["allow", "block", "overage"] }),
    overageSeats: integer("overage_seats"),
    amountValue: integer("amount_value"),
    amountCurrency: text("amount_currency"),
    upliftPercent: real("uplift_percent"),
    /**
     * When the reminder job must next look at this term (its next milestone); 0 means "as soon
     * as possible" (a new or changed term), null "nothing left to send". Indexed, so a tick
     * reads only the terms that are due.
     */
    nextReminderAt: integer("next_reminder_at").default(0),
    createdAt: integer("created_at").notNull(),
    updatedAt: integer("updated_at").notNull(),
  },
  (t) => [
    uniqueIndex("contract_terms_account_seq_idx").on(t.accountId, t.seq),
    index("contract_terms_ends_idx").on(t.contractEndsAt),
    index("contract_terms_next_reminder_idx").on(t.nextReminderAt),
  ],
);
