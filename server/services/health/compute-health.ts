import type { Db } from "../../db/client.ts";
import { metricValue, scoreHealth } from "../../../shared/health/scorecard.ts";
import type { Aggregates, HealthResult, Scorecard } from "../../../shared/health/scorecard.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { licensedSeats } from "../usage/licensed-seats.ts";
import { localDay, windowStartDay } from "../usage/local-days.ts";
import { readRollups } from "../usage/read-rollups.ts";

/** What the scorecard's metrics need over a window of local days ending today, from rollups. */
export async function gatherAggregates(
  db: Db,
  input: { account: AccountRow; scorecard: Scorecard; windowDays: number; licensed: number | null; now: number },
): Promise<Aggregates> {
  const { account, scorecard, windowDays, now } = input;
  const totals = await readRollups(db, account.id, windowStartDay(now, windowDays, account.timezone), localDay(now, account.timezone));
  const core = new Set(scorecard.coreFeatures);
  let coreFeatureUses = 0;
  for (const [feature, count] of totals.features) if (core.size === 0 || core.has(feature)) coreFeatureUses += count;
  return {
    windowDays,
    licensedSeats: input.licensed,
    activeUsers: totals.activeUsers,
    sessions: totals.events.get("session") ?? 0,
    coreFeatureUses,
    modulesUsed: totals.modules.size,
    ticketsOpened: totals.events.get("ticket.opened") ?? 0,
    ticketsResolved: totals.events.get("ticket.resolved") ?? 0,
    trainings: totals.events.get("training.attended") ?? 0,
    npsAnswers: totals.nps,
  };
}

/** The account's health at `now` under a scorecard: each measure over its own window. */
export async function computeHealth(db: Db, input: { account: AccountRow; scorecard: Scorecard; now: number }): Promise<HealthResult> {
  const { account, scorecard, now } = input;
  const seats = await licensedSeats(db, account.id, now);
  const windows = [...new Set(scorecard.measures.map((measure) => measure.windowDays))];
  const aggregates = new Map(
    await Promise.all(
      windows.map(
        async (windowDays) => [windowDays, await gatherAggregates(db, { account, scorecard, windowDays, licensed: seats?.licensed ?? null, now })] as const,
      ),
    ),
  );
  const values: Record<string, number | null> = {};
  for (const measure of scorecard.measures) values[measure.key] = metricValue(measure.metric, aggregates.get(measure.windowDays)!);
  return scoreHealth(scorecard, values);
}
