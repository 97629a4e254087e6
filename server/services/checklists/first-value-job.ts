import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones, accounts, checklistProgress, contractTerms } from "../../db/schema/index.ts";
import { changedAccounts, dueAccounts, markDue, scheduleNext } from "../scheduler/due-queue.ts";
import type { Job } from "../scheduler/jobs.ts";
import { createRowGuard } from "../scheduler/row-guard.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { checkDefaultFirstValue, firstValueDefinition, firstValueStatus, markFirstValue } from "./first-value.ts";
import { effectiveChecklists } from "./pins.ts";

const JOB = "first_value.watch";
const BATCH_SIZE = 200;
/** How often an open account is re-judged between changes (seats can become active through widget visits alone). */
const RECHECK_MS = 3_600_000;
const guard = createRowGuard(JOB);

/**
 * Watches accounts that have neither reached nor missed first value, through the due queue:
 * an account is judged when it changes (the change feed), at its deadline, and once an hour
 * in between. Before the deadline the job re-judges the milestone (a crash after ingestion may
 * have left a completed step unrecorded); at the deadline it writes `first_value.missed` once
 * (dedupe key `first_value.missed:{account}`), then records the miss. An account with a
 * milestone leaves the queue.
 */
export const firstValueJob: Job = {
  name: JOB,
  async run(db: Db, now: number): Promise<number> {
    await markDue(db, JOB, await changedAccounts(db, JOB), now);
    const due = await dueAccounts(db, JOB, now, BATCH_SIZE, guard.resting(now));
    let changed = 0;
    for (const accountId of due) changed += (await guard.attempt(accountId, now, () => watch(db, accountId, now))) ?? 0;
    return changed;
  },
};

async function watch(db: Db, accountId: string, now: number): Promise<number> {
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
  const settled = await db.query.accountMilestones.findFirst({ where: eq(accountMilestones.accountId, accountId) });
  if (!account || settled) {
    await scheduleNext(db, JOB, accountId, null);
    return 0;
  }
  const checklists = await effectiveChecklists(db, account.tenantId, account.id);
  const definition = firstValueDefinition(checklists);
  let changed = 0;
  if (definition.stepId === null) {
    // The default milestone is a share of licensed seats: before a contract there is none to
    // miss (the contract's write brings the account back through the change feed).
    if (!(await db.query.contractTerms.findFirst({ where: eq(contractTerms.accountId, account.id) }))) {
      await scheduleNext(db, JOB, account.id, null);
      return 0;
    }
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
  if (status.status === "reached") {
    await scheduleNext(db, JOB, account.id, null);
    return changed;
  }
  if (status.status === "pending") {
    await scheduleNext(db, JOB, account.id, Math.min(status.deadlineAt, now + RECHECK_MS));
    return changed;
  }
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
  await db.insert(accountMilestones).values({ accountId: account.id, milestone: "first_value_missed", reachedAt: now }).onConflictDoNothing();
  await scheduleNext(db, JOB, account.id, null);
  return enqueued ? changed + 1 : changed;
}
