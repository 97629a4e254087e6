import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { healthSnapshots } from "../../db/schema/index.ts";
import { accountPhase } from "../../../shared/accounts/phase.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { goLiveAt } from "../checklists/first-value.ts";
import { computeHealth } from "./compute-health.ts";
import { getScorecard } from "./scorecard-store.ts";

const HISTORY_DAYS = 90;

/** `GET /v1/accounts/{id}/health`: the score now, each measure's part in it, the phase and the daily trend. */
export async function getHealth(db: Db, input: { account: AccountRow; now: number }): Promise<Record<string, unknown>> {
  const { account, now } = input;
  const { scorecard } = await getScorecard(db, account.tenantId);
  const [health, history, live] = await Promise.all([
    computeHealth(db, { account, scorecard, now }),
    db
      .select({ date: healthSnapshots.day, score: healthSnapshots.score, risk: healthSnapshots.risk })
      .from(healthSnapshots)
      .where(eq(healthSnapshots.accountId, account.id))
      .orderBy(desc(healthSnapshots.day))
      .limit(HISTORY_DAYS),
    goLiveAt(db, account),
  ]);
  return {
    accountId: account.externalId,
    score: health.score,
    risk: health.risk,
    computedAt: new Date(now).toISOString(),
    phase: accountPhase(live, now, account.timezone).phase,
    bands: scorecard.bands,
    measures: health.measures,
    history: history.reverse(),
  };
}
