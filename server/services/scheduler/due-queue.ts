import { and, asc, eq, inArray, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountDue, changeVersions, jobCursors } from "../../db/schema/index.ts";

/** Change-feed rows a job reads per tick; the rest wait for the next tick. */
const FEED_BATCH = 500;

/**
 * The accounts whose data changed since `job` last looked, read from the change feed
 * (`change_versions`, one row per account bumped in each write's own batch) on its `seq`
 * index, and the cursor moved past them. Overlapping ticks may both see a change; jobs are
 * safe to run twice. A cursor that starts at 0 reads every account that ever changed, so a
 * job added later catches up with existing accounts batch by batch.
 */
export async function changedAccounts(db: Db, job: string): Promise<string[]> {
  const cursor = await db.query.jobCursors.findFirst({ where: eq(jobCursors.job, job) });
  const from = cursor?.seq ?? 0;
  const rows = await db
    .select({ key: changeVersions.key, seq: changeVersions.seq })
    .from(changeVersions)
    .where(sql`${changeVersions.seq} > ${from}`)
    .orderBy(asc(changeVersions.seq))
    .limit(FEED_BATCH);
  if (rows.length === 0) return [];
  const to = rows.at(-1)!.seq;
  await db.run(sql`INSERT INTO job_cursors (job, seq) VALUES (${job}, ${to})
    ON CONFLICT (job) DO UPDATE SET seq = MAX(seq, excluded.seq)`);
  return rows.filter((row) => row.key.startsWith("acct_")).map((row) => row.key);
}

/** Makes `accountIds` due for `job` at `at`, or earlier if they already are; `onlyNew` leaves queued ones alone. */
export async function markDue(db: Db, job: string, accountIds: readonly string[], at: number, options: { onlyNew?: true } = {}): Promise<void> {
  if (accountIds.length === 0) return;
  const insert = db.insert(accountDue).values(accountIds.map((accountId) => ({ job, accountId, dueAt: at })));
  if (options.onlyNew) await insert.onConflictDoNothing();
  else await insert.onConflictDoUpdate({ target: [accountDue.job, accountDue.accountId], set: { dueAt: sql`MIN(${accountDue.dueAt}, excluded.due_at)` } });
}

/** The accounts due for `job` at `now`, oldest first, leaving out `resting` ones (row-guard.ts). */
export async function dueAccounts(db: Db, job: string, now: number, limit: number, resting: readonly string[] = []): Promise<string[]> {
  const rows = await db
    .select({ accountId: accountDue.accountId })
    .from(accountDue)
    .where(and(eq(accountDue.job, job), lte(accountDue.dueAt, now), resting.length > 0 ? notInArray(accountDue.accountId, [...resting]) : undefined))
    .orderBy(asc(accountDue.dueAt))
    .limit(limit);
  return rows.map((row) => row.accountId);
}

/** Next time `job` has work for the account, or null when it never will (the row goes). */
export async function scheduleNext(db: Db, job: string, accountId: string, at: number | null): Promise<void> {
  const row = and(eq(accountDue.job, job), eq(accountDue.accountId, accountId));
  if (at === null) await db.delete(accountDue).where(row);
  else await db.update(accountDue).set({ dueAt: at }).where(row);
}

/** Removes accounts from `job`'s queue. */
export async function dropDue(db: Db, job: string, accountIds: readonly string[]): Promise<void> {
  if (accountIds.length > 0) await db.delete(accountDue).where(and(eq(accountDue.job, job), inArray(accountDue.accountId, [...accountIds])));
}
