import { and, desc, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones, accountNotes, checklistProgress, contractTerms, remindersSent, webhookDeliveries, webhookMessages } from "../../db/schema/index.ts";
import { explainEntitlement } from "../../../shared/reports/explain.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { termView } from "../contracts/put-contract.ts";
import { entitlementView, getEntitlement } from "../entitlement/get-entitlement.ts";
import { grantView } from "../grants/create-grant.ts";
import { listGrants, toDomainGrant } from "../grants/list-grants.ts";
import { getHealth } from "../health/get-health.ts";
import { listRenewals } from "../renewals/list-renewals.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { usageView } from "../usage/usage-view.ts";
import { recommendationFor } from "./recommend.ts";
import { listOffers, offerRecordView } from "../offers/show-offer.ts";
import { listOpportunities, opportunityView } from "../reminders/opportunity.ts";

const iso = (ms: number | null | undefined): string | null => (ms == null ? null : new Date(ms).toISOString());

/** Everything the console's account page shows, in one answer. */
export async function accountDetail(db: Db, input: { account: AccountRow; settings: TenantSettings; now: number }): Promise<Record<string, unknown>> {
  const { account, settings, now } = input;
  const [terms, ledger, health, usage, renewals, notes, milestones, progress, reminders, webhooks, recommendation, opportunities, offers] = await Promise.all([
    db.query.contractTerms.findMany({ where: eq(contractTerms.accountId, account.id), orderBy: desc(contractTerms.seq) }),
    listGrants(db, account.id),
    getHealth(db, { account, now }),
    usageView(db, { account, days: 90, now }),
    listRenewals(db, account),
    db.query.accountNotes.findMany({ where: eq(accountNotes.accountId, account.id), orderBy: desc(accountNotes.createdAt), limit: 100 }),
    db.query.accountMilestones.findMany({ where: eq(accountMilestones.accountId, account.id) }),
    db
      .select({ checklist: checklistProgress.checklistKey, steps: sql<number>`count(DISTINCT ${checklistProgress.stepId})` })
      .from(checklistProgress)
      .where(eq(checklistProgress.accountId, account.id))
      .groupBy(checklistProgress.checklistKey),
    db.query.remindersSent.findMany({ where: eq(remindersSent.accountId, account.id), orderBy: desc(remindersSent.dueAt) }),
    db
      .select({
        id: webhookMessages.id,
        type: webhookMessages.type,
        createdAt: webhookMessages.createdAt,
        delivered: sql<number>`(SELECT count(*) FROM ${webhookDeliveries} WHERE ${webhookDeliveries.messageId} = ${webhookMessages.id} AND ${webhookDeliveries.status} = 'succeeded')`,
        failed: sql<number>`(SELECT count(*) FROM ${webhookDeliveries} WHERE ${webhookDeliveries.messageId} = ${webhookMessages.id} AND ${webhookDeliveries.status} = 'failed')`,
      })
      .from(webhookMessages)
      .where(and(eq(webhookMessages.tenantId, account.tenantId), sql`json_extract(${webhookMessages.payload}, '$.data.accountId') = ${account.externalId}`))
      .orderBy(desc(webhookMessages.createdAt))
      .limit(50),
    recommendationFor(db, { account, now }),
    listOpportunities(db, account.id),
    listOffers(db, account.id),
  ]);
  const current = terms[0];
  let entitlement: Record<string, unknown> | null = null;
  let explain: unknown[] = [];
  if (current) {
    const e = await getEntitlement(db, { account, settings, now });
    entitlement = entitlementView(e, now);
    const graceHours = current.graceHours ?? settings.defaultGraceHours;
    explain = explainEntitlement({
      entitlement: e,
      endDate: current.endDate,
      timezone: account.timezone,
      graceHours,
      reminderWindowDays: settings.reminderWindowDays,
      grants: ledger.flatMap((row) => toDomainGrant(row, current.id)),
    }).map((item) => ({ ...item, at: iso(item.at), steps: item.steps.map((s) => ({ ...s, endsAt: iso(s.endsAt) })) }));
  }
  return {
    account: {
      id: account.externalId,
      name: account.name,
      timezone: account.timezone,
      locale: account.locale,
      segment: account.segment,
      stage: account.stage,
      owner: account.owner,
    },
    entitlement,
    explain,
    terms: terms.map(termView),
    grants: ledger.map((row) => ({ ...grantView(row), termSeq: terms.find((t) => t.id === row.termId)?.seq ?? null })).reverse(),
    health,
    usage,
    renewals: renewals.data,
    declines: renewals.declines,
    notes: notes.map((n) => ({ id: n.id, author: n.authorEmail, body: n.body, createdAt: iso(n.createdAt) })),
    milestones: milestones.map((m) => ({ milestone: m.milestone, reachedAt: iso(m.reachedAt) })),
    checklists: progress.map((p) => ({ checklist: p.checklist, stepsDone: Number(p.steps) })),
    reminders: reminders.map((r) => ({ days: r.days, status: r.status, inApp: r.inApp, dueAt: iso(r.dueAt) })),
    webhooks: webhooks.map((w) => ({ id: w.id, type: w.type, createdAt: iso(w.createdAt), delivered: Number(w.delivered), failed: Number(w.failed) })),
    recommendation,
    opportunities: opportunities.map(opportunityView),
    offers: offers.map(offerRecordView),
  };
}
