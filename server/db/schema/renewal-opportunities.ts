import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { contractTerms } from "./contract-terms.ts";
import { tenants } from "./tenants.ts";

/**
 * The renewal opportunity handed to the vendor's CRM at a high-touch term's first milestone:
 * one per account and term (the key makes overlapping ticks agree), with what was sent.
 */
export const renewalOpportunities = sqliteTable(
  "renewal_opportunities",
  {
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    termId: text("term_id")
      .notNull()
      .references(() => contractTerms.id),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    owner: text("owner"),
    /** The `renewal.opportunity` event's data as sent. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at").notNull(),
  },
  (t) => [primaryKey({ columns: [t.accountId, t.termId] }), index("renewal_opportunities_tenant_idx").on(t.tenantId, t.createdAt)],
);
