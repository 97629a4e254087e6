import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones, accounts, checklistProgress, contractTerms } from "../../db/schema/index.ts";
import type { Job } from "../scheduler/jobs.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { checkDefaultFirstValue, firstValueDefinition, firstValueStatus, markFirstValue } from "./first-value.ts";
import { effectiveChecklists } from "./pins.ts";

/**
 * Watches accounts that have neither reached nor missed first value. Before the deadline it
 * re-judges the milestone (seats can become active through widget visits alone, and a crash
 * after ingestion may have left a completed step unrecorded); at the deadline it writes
 * `first_value.missed` once (dedupe key `first_value.missed:{account}`), then records the miss.
 */
export const firstValueJob: Job = {
  name: "first_value.watch",
  async run(db: Db, now: number): Promise<number> {
    const open = await db
      .select()
      .from(accounts)
      .where(sql`NOT EXISTS (SELECT 1 FROM account_milestones m WHERE m.account_id = ${accounts.id})`);
    let changed = 0;
    for (const account of open) {
      const checklists = await effectiveChecklists(db, account.tenantId, account.id);
      const definition = firstValueDefinition(checklists);
      if (definition.stepId === null) {
        // The default milestone is a share of licensed seats: before a contract there is none to miss.
        if (!(await db.query.contractTerms.findFirst({ where: eq(contractTerms.accountId, account.id) }))) continue;
        if (await checkDefaultFirstValue(db, { account, checklists, now })) changed++;
      } else {
        const done = await db.query.checklistProgress.findFirst({
          where: and(
            eq(checklistProgress.accountId, account.id),
            eq(checklistProgress.checklistKey, definition.checklistId!),
            eq(checklistProgress.stepId, definition.stepId),
          ),
        });
        if (done && (await markFirstValue(db, { account, checklists, now }))) changed++;
      }
      const status = await firstValueStatus(db, account, checklists, now);
      if (status.status !== "missed") continue;
      const enqueued = await enqueueWebhook(db, {
        tenantId: account.tenantId,
        type: "first_value.missed",
        dedupeKey: `first_value.missed:${account.id}`,
        now,
        data: {
          accountId: account.externalId,
          goLiveAt: new Date(status.goLiveAt).toISOString(),
          deadlineAt: new Date(status.deadlineAt).toISOString(),
          checklistId: status.checklistId,
          stepId: status.stepId,
        },
      });
      await db
        .insert(accountMilestones)
        .values({ accountId: account.id, milestone: "first_value_missed", reachedAt: now })
        .onConflictDoNothing();
      if (enqueued) changed++;
    }
    return changed;
  },
};
