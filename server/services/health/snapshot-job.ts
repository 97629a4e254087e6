import { and, desc, eq, lt, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, healthSnapshots } from "../../db/schema/index.ts";
import { riskWorsened } from "../../../shared/health/scorecard.ts";
import type { Scorecard } from "../../../shared/health/scorecard.ts";
import type { Job } from "../scheduler/jobs.ts";
import { localDay } from "../usage/local-days.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import { computeHealth } from "./compute-health.ts";
import { getScorecard } from "./scorecard-store.ts";

/**
 * One health snapshot per account per local day (the first tick of the account's day takes
 * it), for the trend. The (account, day) primary key decides which overlapping tick writes
 * it; only that tick compares with the previous snapshot and, when the risk band worsened,
 * writes `health.risk_worsened` (dedupe key `health.risk_worsened:{account}:{day}`).
 */
export const healthSnapshotJob: Job = {
  name: "health.snapshot",
  async run(db: Db, now: number): Promise<number> {
    const rows = await db
      .select({ account: accounts, latest: sql<string | null>`(SELECT max(h.day) FROM health_snapshots h WHERE h.account_id = ${accounts.id})` })
      .from(accounts);
    const scorecards = new Map<string, Scorecard>();
    let written = 0;
    for (const { account, latest } of rows) {
      const today = localDay(now, account.timezone);
      if (latest !== null && latest >= today) continue;
      let scorecard = scorecards.get(account.tenantId);
      if (!scorecard) scorecards.set(account.tenantId, (scorecard = (await getScorecard(db, account.tenantId)).scorecard));
      const health = await computeHealth(db, { account, scorecard, now });
      const inserted = await db
        .insert(healthSnapshots)
        .values({ accountId: account.id, day: today, score: health.score, risk: health.risk, measures: health.measures, createdAt: now })
        .onConflictDoNothing()
        .returning({ day: healthSnapshots.day });
      if (inserted.length === 0) continue;
      written++;
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
    }
    return written;
  },
};
