import { and, asc, eq, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, contractTerms, remindersSent, tenants } from "../../db/schema/index.ts";
import { nextReminderAt, planReminders, reminderWebhookType, scheduleOf } from "../../../shared/reminders/milestones.ts";
import type { Milestone } from "../../../shared/reminders/milestones.ts";
import { buildNotice } from "../../../shared/reminders/notice.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import { computeHealth } from "../health/compute-health.ts";
import { getScorecard } from "../health/scorecard-store.ts";
import { createRowGuard } from "../scheduler/row-guard.ts";
import type { Job } from "../scheduler/jobs.ts";
import { readSettings } from "../tenants/settings.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { buildRecap } from "../usage/recap.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";
import { sendOpportunity } from "./opportunity.ts";

/** Terms looked at per tick; the rest are still due at the next one. */
const BATCH = 500;
const guard = createRowGuard("reminders");

/**
 * Delivers the vendor's reminder timeline. Due work is found through the indexed
 * `contract_terms.next_reminder_at` (a new or changed term is due at once, then at its next
 * milestone), so a tick reads only the terms with something to do. "Once per term" is the
 * `reminders_sent` primary key (account, term, days): whichever overlapping tick inserts the
 * row delivers; the webhook's `dedupeKey` (`reminder:{account}:{term}:{days}`) guards the
 * outbox the same way.
 */
export const remindersJob: Job = {
  name: "reminders.due",
  async run(db: Db, now: number): Promise<number> {
    const due = await db
      .select({
        account: accounts,
        term: contractTerms,
        tenantSettings: tenants.settings,
        remindersChangedAt: tenants.remindersChangedAt,
        superseded: sql<number>`EXISTS (SELECT 1 FROM contract_terms t2 WHERE t2.account_id = ${contractTerms.accountId} AND t2.seq > ${contractTerms.seq})`,
      })
      .from(contractTerms)
      .innerJoin(accounts, eq(accounts.id, contractTerms.accountId))
      .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
      .where(lte(contractTerms.nextReminderAt, now))
      .orderBy(asc(contractTerms.nextReminderAt))
      .limit(BATCH);
    let delivered = 0;
    for (const row of due) {
      const sent = await guard.attempt(row.term.id, now, () =>
        visit(db, { ...row, superseded: Number(row.superseded) === 1, settings: readSettings(row.tenantSettings), now }),
      );
      if (sent) delivered++;
    }
    return delivered;
  },
};

/** Plans one term at `now`: records skipped milestones, delivers the due one, and sets when to look again. */
async function visit(
  db: Db,
  input: { account: AccountRow; term: TermRow; settings: TenantSettings; remindersChangedAt: number | null; superseded: boolean; now: number },
): Promise<boolean> {
  const { account, term, settings, now } = input;
  if (input.superseded) {
    await reschedule(db, term, null);
    return false;
  }
  const schedule = scheduleOf(settings.reminders[account.segment]);
  const ledger = await db
    .select({ days: remindersSent.days })
    .from(remindersSent)
    .where(and(eq(remindersSent.accountId, account.id), eq(remindersSent.termId, term.id)));
  const handled = new Set(ledger.map((row) => row.days));
  // A timeline change applies from its moment on, to terms that already existed then.
  const changedAt = input.remindersChangedAt;
  const notBefore = changedAt !== null && term.createdAt < changedAt ? changedAt : undefined;
  const plan = planReminders(schedule, term.contractEndsAt, account.timezone, now, handled, notBefore === undefined ? {} : { notBefore });
  if (plan.skip.length > 0) {
    await db
      .insert(remindersSent)
      .values(
        plan.skip.map((m) => ({
          accountId: account.id,
          termId: term.id,
          days: m.days,
          status: "skipped" as const,
          inApp: m.inApp,
          dueAt: m.at,
          createdAt: now,
        })),
      )
      .onConflictDoNothing();
    for (const m of plan.skip) handled.add(m.days);
  }
  let sent = false;
  if (plan.deliver) {
    sent = await deliver(db, { account, term, milestone: plan.deliver, settings, now });
    handled.add(plan.deliver.days);
  }
  await reschedule(db, term, nextReminderAt(schedule, term.contractEndsAt, account.timezone, now, handled));
  return sent;
}

/** Only if nothing changed the term meanwhile: a contract PUT that made it due again wins. */
async function reschedule(db: Db, term: TermRow, next: number | null): Promise<void> {
  await db
    .update(contractTerms)
    .set({ nextReminderAt: next })
    .where(and(eq(contractTerms.id, term.id), eq(contractTerms.updatedAt, term.updatedAt), sql`${contractTerms.nextReminderAt} IS ${term.nextReminderAt}`));
}

/**
 * The webhook goes to the outbox first, then the ledger row: a crash in between leaves the
 * milestone unhandled, and the next tick's enqueue is absorbed by the dedupe key. A
 * high-touch term's first delivered milestone also opens the renewal opportunity.
 */
async function deliver(db: Db, input: { account: AccountRow; term: TermRow; milestone: Milestone; settings: TenantSettings; now: number }): Promise<boolean> {
  const { account, term, milestone, settings, now } = input;
  const [recap, entitlement, { scorecard }] = await Promise.all([
    buildRecap(db, account, now),
    getEntitlement(db, { account, settings, now }),
    getScorecard(db, account.tenantId),
  ]);
  const health = await computeHealth(db, { account, scorecard, now });
  const iso = (ms: number): string => new Date(ms).toISOString();
  const notice = milestone.inApp
    ? buildNotice({
        days: milestone.days,
        now,
        dueAt: milestone.at,
        contractEndsAt: term.contractEndsAt,
        accessEndsAt: entitlement.accessEndsAt,
        timezone: account.timezone,
        productName: settings.productName,
        recap,
      })
    : null;
  if (account.segment === "high_touch") {
    await sendOpportunity(db, { account, term, health: { score: health.score, risk: health.risk }, recap, milestoneDays: milestone.days, now });
  }
  if (milestone.webhook !== false) {
    await enqueueWebhook(db, {
      tenantId: account.tenantId,
      type: reminderWebhookType(account.segment),
      dedupeKey: `reminder:${account.id}:${term.id}:${milestone.days}`,
      now,
      data: {
        accountId: account.externalId,
        segment: account.segment,
        days: milestone.days,
        termId: term.id,
        dueAt: iso(milestone.at),
        contractEndsAt: iso(term.contractEndsAt),
        accessEndsAt: iso(entitlement.accessEndsAt),
        timezone: account.timezone,
        owner: account.owner,
        health: { score: health.score, risk: health.risk },
        recap,
        ...(notice ? { notice: { kind: notice.kind, message: notice.message, accessEndsLocal: notice.accessEndsLocal } } : {}),
        ...(account.segment === "high_touch"
          ? { task: { title: `Renewal: ${account.name} — contract ends in ${milestone.days} days`, dueAt: iso(milestone.at) } }
          : {}),
      },
    });
  }
  // An in-app notice is something the widget shows: announced with its ledger row.
  const [claimed] = await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
    db
      .insert(remindersSent)
      .values({ accountId: account.id, termId: term.id, days: milestone.days, status: "sent", inApp: milestone.inApp, dueAt: milestone.at, createdAt: now })
      .onConflictDoNothing()
      .returning(),
  ]);
  return claimed.length > 0;
}
