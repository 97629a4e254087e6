import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { renewalOpportunities } from "../../db/schema/index.ts";
import { nextTermDates, upliftAmount } from "../../../shared/entitlement/renewal-term.ts";
import { nextTermProblem } from "../../../shared/entitlement/term-limits.ts";
import type { ValueRecap } from "../../../shared/reminders/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { recordChange } from "../tenants/changes.ts";
import { webhookInsert } from "../webhooks/enqueue.ts";

export type OpportunityRow = typeof renewalOpportunities.$inferSelect;

/**
 * The CRM hand-off (seed 003): at a high-touch term's first milestone, a renewal opportunity
 * with its owner, the contract end, the next term's amount with the uplift applied, health
 * and the value recap. Once per term: the row's key and the event's dedupe key both say so.
 */
export async function sendOpportunity(
  db: Db,
  input: { account: AccountRow; term: TermRow; health: { score: number; risk: string }; recap: ValueRecap; milestoneDays: number; now: number },
): Promise<void> {
  const { account, term, now } = input;
  const next = nextTermProblem(term) ? null : nextTermDates(term);
  const amount =
    term.amountValue == null || !term.amountCurrency ? null : { value: upliftAmount(term.amountValue, term.upliftPercent), currency: term.amountCurrency };
  const data = {
    accountId: account.externalId,
    accountName: account.name,
    termId: term.id,
    owner: account.owner,
    contractEndDate: term.endDate,
    contractEndsAt: new Date(term.contractEndsAt).toISOString(),
    timezone: account.timezone,
    milestoneDays: input.milestoneDays,
    nextTerm: next ? { ...next, seats: term.seats, amount, upliftPercent: term.upliftPercent } : null,
    health: input.health,
    recap: input.recap,
  };
  await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
    db
      .insert(renewalOpportunities)
      .values({ accountId: account.id, termId: term.id, tenantId: account.tenantId, owner: account.owner, payload: data, createdAt: now })
      .onConflictDoNothing(),
    webhookInsert(db, { tenantId: account.tenantId, type: "renewal.opportunity", data, dedupeKey: `renewal.opportunity:${term.id}`, now }),
  ]);
}

/** The account's opportunities, newest term first. */
export async function listOpportunities(db: Db, accountId: string): Promise<OpportunityRow[]> {
  return db.query.renewalOpportunities.findMany({ where: eq(renewalOpportunities.accountId, accountId), orderBy: desc(renewalOpportunities.createdAt) });
}

/** The opportunity of one term, if it was opened. */
export async function findOpportunity(db: Db, accountId: string, termId: string): Promise<OpportunityRow | undefined> {
  return db.query.renewalOpportunities.findFirst({ where: and(eq(renewalOpportunities.accountId, accountId), eq(renewalOpportunities.termId, termId)) });
}

/** The wire form. */
export function opportunityView(row: OpportunityRow): Record<string, unknown> {
  return { ...row.payload, openedAt: new Date(row.createdAt).toISOString() };
}
