import { and, eq, gte, inArray, lte } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, contractTerms } from "../../db/schema/index.ts";
import type { ReportTerm } from "../../../shared/reports/arr.ts";

export interface TenantReportTerm extends ReportTerm {
  externalId: string;
  name: string;
}

const columns = {
  accountId: contractTerms.accountId,
  seq: contractTerms.seq,
  startDate: contractTerms.startDate,
  endDate: contractTerms.endDate,
  contractEndsAt: contractTerms.contractEndsAt,
  amountValue: contractTerms.amountValue,
  amountCurrency: contractTerms.amountCurrency,
  timezone: accounts.timezone,
  externalId: accounts.externalId,
  name: accounts.name,
};

/**
 * The tenant's terms whose last day (a local date) falls in `[fromDate, toDate]`. The last
 * day is stored as the account-local `endDate`, so the range is a plain index-free compare
 * on it; reports then bucket by the zone-exact month.
 */
export async function termsEndingBetween(db: Db, tenantId: string, fromDate: string, toDate: string): Promise<TenantReportTerm[]> {
  return db
    .select(columns)
    .from(contractTerms)
    .innerJoin(accounts, eq(accounts.id, contractTerms.accountId))
    .where(and(eq(accounts.tenantId, tenantId), gte(contractTerms.endDate, fromDate), lte(contractTerms.endDate, toDate)));
}

/** Every term of the given accounts (to find each ending term's successor). */
export async function termsOfAccounts(db: Db, accountIds: readonly string[]): Promise<TenantReportTerm[]> {
  const out: TenantReportTerm[] = [];
  // SQLite bounds host parameters; 500 ids per query stays well inside it.
  for (let i = 0; i < accountIds.length; i += 500) {
    const slice = accountIds.slice(i, i + 500);
    out.push(
      ...(await db
        .select(columns)
        .from(contractTerms)
        .innerJoin(accounts, eq(accounts.id, contractTerms.accountId))
        .where(inArray(contractTerms.accountId, slice))),
    );
  }
  return out;
}
