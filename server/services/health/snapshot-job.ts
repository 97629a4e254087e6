import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, healthSnapshots } from "../../db/schema/index.ts";
import { riskWorsened } from "../../../shared/health/scorecard.ts";
import type { Scorecard } from "../../../shared/health/scorecard.ts";
import { addDays, localDateAt, startOfLocalDay } from "../../../shared/time/local-day.ts";
import { changedAccounts, dueAccounts, markDue, scheduleNext } from "../scheduler/due-queue.ts";
import type { Job } from "../scheduler/jobs.ts";
import { createRowGuard } from "../scheduler/row-guard.ts";
import { localDay } from "../usage/local-days.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { computeHealth } from "./compute-health.ts";
import { getScorecard } from "./scorecard-store.ts";

const JOB = "health.snapshot";
const BATCH_SIZE = 200;
const guard = createRowGuard(JOB);

/**
 * One health snapshot per account per local day (the first tick of the account's day takes
 * it), for the trend. Work is found through the due queue: an account joins it when it first
 * appears in the change feed, and after each snapshot waits until its next local midnight.
 * The (account, day) primary key decides which overlapping tick writes it; only that tick
 * compares with the previous snapshot and, when the risk band worsened, writes
 * `health.risk_worsened` (dedupe key `health.risk_worsened:{account}:{day}`). An account whose
 * zone changes keeps its old midnight once, then follows the new zone.
 */
export const healthSnapshotJob: Job = {
  name: JOB,
  async run(db: Db, now: number): Promise<number> {
    await markDue(db, JOB, await changedAccounts(db, JOB), now, { onlyNew: true });
    const due = await dueAccounts(db, JOB, now, BATCH_SIZE, guard.resting(now));
    const scorecards = new Map<string, Scorecard>();
    let written = 0;
    for (const accountId of due) {
      if (await guard.attempt(accountId, now, () => snapshot(db, accountId, now, scorecards))) written++;
    }
    return written;
  },
};

async function snapshot(db: Db, accountId: string, now: number, scorecards: Map<string, Scorecard>): Promise<boolean> {
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, accountId) });
  if (!account) {
    await scheduleNext(db, JOB, accountId, null);
    return false;
  }
  const today = localDay(now, account.timezone);
  const tomorrow = startOfLocalDay(addDays(localDateAt(now, account.timezone), 1), account.timezone);
  let scorecard = scorecards.get(account.tenantId);
  if (!scorecard) scorecards.set(account.tenantId, (scorecard = (await getScorecard(db, account.tenantId)).scorecard));
  const health = await computeHealth(db, { account, scorecard, now });
  const inserted = await db
    .insert(healthSnapshots)
    .values({ accountId: account.id, day: today, score: health.score, risk: health.risk, measures: health.measures, createdAt: now })
    .onConflictDoNothing()
    .returning({ day: healthSnapshots.day });
  await scheduleNext(db, JOB, account.id, tomorrow);
  if (inserted.length === 0) return false;
  const [previous] = await db
    .select()
    .from(healthSnapshots)
    .where(and(eq(healthSnapshots.accountId, account.id), lt(healthSnapshots.day, today)))
    .orderBy(desc(healthSnapshots.day))
    .limit(1);
  if (previous && riskWorsened(previous.risk, health.risk)) {
    await enqueueWebhook(db, {
      tenantId: account.tenantId,
      type: "health.risk_worsened",
      dedupeKey: `health.risk_worsened:${account.id}:${today}`,
      now,
      data: {
        accountId: account.externalId,
        from: previous.risk,
        to: health.risk,
        previousScore: previous.score,
        score: health.score,
        previousDate: previous.day,
        date: today,
        measures: health.measures,
      },
    });
  }
  return true;
}
