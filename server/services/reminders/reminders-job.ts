import { and, eq, gt, inArray, lte, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, contractTerms, remindersSent, tenants } from "../../db/schema/index.ts";
import { REMINDER_SCHEDULES, planReminders, reminderWebhookType } from "../../../shared/reminders/milestones.ts";
import type { Milestone } from "../../../shared/reminders/milestones.ts";
import { buildNotice } from "../../../shared/reminders/notice.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import { computeHealth } from "../health/compute-health.ts";
import { getScorecard } from "../health/scorecard-store.ts";
import type { Job } from "../scheduler/jobs.ts";
import { readSettings } from "../tenants/settings.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { buildRecap } from "../usage/recap.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";

const DAY = 86_400_000;
const LONGEST_LEAD_DAYS = Math.max(...Object.values(REMINDER_SCHEDULES).flatMap((schedule) => schedule.map((m) => m.days)));

/**
 * Delivers the reminder timeline: for each current term ending within the longest lead,
 * the milestone now due. "Once per term" is the `reminders_sent` primary key (account, term,
 * days): whichever overlapping tick inserts the row delivers; the webhook's `dedupeKey`
 * (`reminder:{account}:{term}:{days}`) guards the outbox the same way.
 */
export const remindersJob: Job = {
  name: "reminders.due",
  async run(db: Db, now: number): Promise<number> {
    const due = await db
      .select({ account: accounts, term: contractTerms, tenantSettings: tenants.settings })
      .from(contractTerms)
      .innerJoin(accounts, eq(accounts.id, contractTerms.accountId))
      .innerJoin(tenants, eq(tenants.id, accounts.tenantId))
      .where(
        and(
          gt(contractTerms.contractEndsAt, now),
          lte(contractTerms.contractEndsAt, now + (LONGEST_LEAD_DAYS + 2) * DAY),
          sql`${contractTerms.seq} = (SELECT max(t2.seq) FROM contract_terms t2 WHERE t2.account_id = ${contractTerms.accountId})`,
        ),
      );
    const termIds = due.map((row) => row.term.id);
    const ledger =
      termIds.length === 0
        ? []
        : await db.select({ termId: remindersSent.termId, days: remindersSent.days }).from(remindersSent).where(inArray(remindersSent.termId, termIds));
    let delivered = 0;
    for (const { account, term, tenantSettings } of due) {
      const handled = new Set(ledger.filter((row) => row.termId === term.id).map((row) => row.days));
      const schedule = REMINDER_SCHEDULES[account.segment];
      const plan = planReminders(schedule, term.contractEndsAt, account.timezone, now, handled);
      if (plan.skip.length > 0) {
        await db
          .insert(remindersSent)
          .values(plan.skip.map((m) => ({ accountId: account.id, termId: term.id, days: m.days, status: "skipped" as const, inApp: m.inApp, dueAt: m.at, createdAt: now })))
          .onConflictDoNothing();
      }
      if (plan.deliver && (await deliver(db, { account, term, milestone: plan.deliver, settings: readSettings(tenantSettings), now }))) delivered++;
    }
    return delivered;
  },
};

/**
 * The webhook goes to the outbox first, then the ledger row: a crash in between leaves the
 * milestone unhandled, and the next tick's enqueue is absorbed by the dedupe key.
 */
async function deliver(
  db: Db,
  input: { account: AccountRow; term: TermRow; milestone: Milestone; settings: TenantSettings; now: number },
): Promise<boolean> {
  const { account, term, milestone, settings, now } = input;
  const [recap, entitlement, { scorecard }] = await Promise.all([
    buildRecap(db, account, now),
    getEntitlement(db, { account, settings, now }),
    getScorecard(db, account.tenantId),
  ]);
  const health = await computeHealth(db, { account, scorecard, now });
  const iso = (ms: number): string => new Date(ms).toISOString();
  const notice = milestone.inApp
    ? buildNotice({ days: milestone.days, now, dueAt: milestone.at, contractEndsAt: term.contractEndsAt, accessEndsAt: entitlement.accessEndsAt, timezone: account.timezone, productName: settings.productName, recap })
    : null;
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
      health: { score: health.score, risk: health.risk },
      recap,
      ...(notice ? { notice: { kind: notice.kind, message: notice.message, accessEndsLocal: notice.accessEndsLocal } } : {}),
      ...(account.segment === "high_touch"
        ? { task: { title: `Renewal: ${account.name} — contract ends in ${milestone.days} days`, dueAt: iso(milestone.at) } }
        : {}),
    },
  });
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
