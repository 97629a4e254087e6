import { and, desc, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, renewalDeclines, renewals } from "../../db/schema/index.ts";
import { annualisedAmount, renewalMonth } from "../../../shared/reports/arr.ts";
import { RENEWAL_STATUSES, renewalStatus } from "../../../shared/reports/pipeline.ts";
import type { RenewalStatus } from "../../../shared/reports/pipeline.ts";
import { daysInMonth } from "../../../shared/time/local-day.ts";
import { termsEndingBetween, termsOfAccounts } from "./load-terms.ts";
import { renewalsReport } from "./renewals-report.ts";

/**
 * The console's renewals page for `[from, to]`: contract ends and ARR by month, the pipeline
 * by status, at-risk ARR (terms of high-risk accounts not yet renewed) and the invoices that
 * wait for finance to confirm the money arrived.
 */
export async function renewalsBoard(db: Db, input: { tenantId: string; from: string; to: string; now: number }): Promise<Record<string, unknown>> {
  const { tenantId, from, to, now } = input;
  const lastDay = daysInMonth(Number(to.slice(0, 4)), Number(to.slice(5, 7)));
  const [months, ending] = await Promise.all([
    renewalsReport(db, { tenantId, from, to }),
    termsEndingBetween(db, tenantId, `${from}-01`, `${to}-${String(lastDay).padStart(2, "0")}`),
  ]);
  const ids = [...new Set(ending.map((t) => t.accountId))];
  const [all, pending, declined, risks] = await Promise.all([
    termsOfAccounts(db, ids),
    ids.length
      ? db
          .select({ accountId: renewals.accountId, termId: renewals.openTermId })
          .from(renewals)
          .where(and(inArray(renewals.accountId, ids), sql`${renewals.openTermId} IS NOT NULL`))
      : [],
    ids.length
      ? db.select({ accountId: renewalDeclines.accountId, termId: renewalDeclines.termId }).from(renewalDeclines).where(inArray(renewalDeclines.accountId, ids))
      : [],
    ids.length
      ? db.all<{ account_id: string; risk: string }>(
          sql`SELECT h.account_id, h.risk FROM health_snapshots h WHERE h.day = (SELECT max(day) FROM health_snapshots h2 WHERE h2.account_id = h.account_id) AND h.account_id IN (SELECT value FROM json_each(${JSON.stringify(ids)}))`,
        )
      : [],
  ]);
  const seqs = new Set(all.map((t) => `${t.accountId}:${t.seq}`));
  const termIdOf = await termIds(db, ids);
  const riskOf = new Map(risks.map((r) => [r.account_id, r.risk]));
  const pendingSet = new Set(pending.map((p) => p.termId));
  const declinedSet = new Set(declined.map((d) => `${d.accountId}:${d.termId}`));
  const pipeline: Record<RenewalStatus, { contracts: number; arr: Record<string, number> }> = Object.fromEntries(
    RENEWAL_STATUSES.map((s) => [s, { contracts: 0, arr: {} }]),
  ) as never;
  const atRisk: { contracts: number; arr: Record<string, number>; accounts: unknown[] } = { contracts: 0, arr: {}, accounts: [] };
  const rows = ending.map((term) => {
    const id = termIdOf.get(`${term.accountId}:${term.seq}`) ?? "";
    const status = renewalStatus(
      {
        contractEndsAt: term.contractEndsAt,
        hasSuccessor: seqs.has(`${term.accountId}:${term.seq + 1}`),
        pendingRenewal: pendingSet.has(id),
        declined: declinedSet.has(`${term.accountId}:${id}`),
      },
      now,
    );
    const arr = annualisedAmount(term);
    const bucket = pipeline[status];
    bucket.contracts += 1;
    if (arr) bucket.arr[arr.currency] = (bucket.arr[arr.currency] ?? 0) + arr.value;
    const risk = riskOf.get(term.accountId) ?? null;
    if (risk === "high" && status !== "renewed" && status !== "lapsed") {
      atRisk.contracts += 1;
      if (arr) atRisk.arr[arr.currency] = (atRisk.arr[arr.currency] ?? 0) + arr.value;
      atRisk.accounts.push({ id: term.externalId, name: term.name, endDate: term.endDate, arr, status });
    }
    return { id: term.externalId, name: term.name, endDate: term.endDate, month: renewalMonth(term), timezone: term.timezone, status, risk, arr };
  });
  rows.sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.name.localeCompare(b.name)));
  const invoices = await db
    .select({
      id: renewals.id,
      provider: renewals.provider,
      accountId: accounts.externalId,
      name: accounts.name,
      reference: renewals.reference,
      amountValue: renewals.amountValue,
      amountCurrency: renewals.amountCurrency,
      startedAt: renewals.startedAt,
      expiresAt: renewals.expiresAt,
      status: renewals.status,
    })
    .from(renewals)
    .innerJoin(accounts, eq(accounts.id, renewals.accountId))
    .where(
      and(
        eq(renewals.tenantId, tenantId),
        inArray(renewals.provider, ["invoice", "url"]),
        inArray(renewals.status, ["pending", "expired"]),
        sql`NOT EXISTS (SELECT 1 FROM contract_terms t WHERE t.account_id = ${renewals.accountId} AND t.seq > (SELECT seq FROM contract_terms WHERE id = ${renewals.termId}))`,
      ),
    )
    .orderBy(desc(renewals.startedAt))
    .limit(200);
  return {
    from,
    to,
    months: months.months,
    pipeline,
    atRisk,
    contracts: rows,
    invoices: invoices.map((i) => ({
      ...i,
      amount: i.amountValue == null ? null : { value: i.amountValue, currency: i.amountCurrency },
      startedAt: new Date(i.startedAt).toISOString(),
      expiresAt: new Date(i.expiresAt).toISOString(),
    })),
  };
}

async function termIds(db: Db, accountIds: readonly string[]): Promise<Map<string, string>> {
  if (accountIds.length === 0) return new Map();
  const rows = await db.all<{ id: string; account_id: string; seq: number }>(
    sql`SELECT id, account_id, seq FROM contract_terms WHERE account_id IN (SELECT value FROM json_each(${JSON.stringify(accountIds)}))`,
  );
  return new Map(rows.map((r) => [`${r.account_id}:${r.seq}`, r.id]));
}
