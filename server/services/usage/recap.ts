import { localize } from "../../../shared/checklists/rules.ts";
import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones } from "../../db/schema/index.ts";
import type { ValueRecap } from "../../../shared/reminders/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import { localDay } from "./local-days.ts";
import { readRollups } from "./read-rollups.ts";

const TOP_FEATURES = 3;

/**
 * The value delivered this term (seed 001: at renewal, show the value, not just a price):
 * active users, sessions, top features and modules since the current term began, and when
 * first value was reached. From rollups only.
 */
export async function buildRecap(db: Db, account: AccountRow, now: number): Promise<ValueRecap> {
  const [term, firstValue] = await Promise.all([
    currentTerm(db, account.id),
    db.query.accountMilestones.findFirst({
      where: and(eq(accountMilestones.accountId, account.id), eq(accountMilestones.milestone, "first_value")),
    }),
  ]);
  const since = term?.startDate ?? localDay(account.createdAt, account.timezone);
  const totals = await readRollups(db, account.id, since, localDay(now, account.timezone));
  const topFeatures = [...totals.features]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, TOP_FEATURES)
    .map(([feature, count]) => ({ feature, count }));
  let events = 0;
  for (const count of totals.events.values()) events += count;
  return {
    since,
    activeUsers: totals.activeUsers,
    sessions: totals.events.get("session") ?? 0,
    events,
    topFeatures,
    modulesUsed: [...totals.modules.keys()].sort(),
    firstValueReachedAt: firstValue?.reachedAt ?? null,
  };
}

/** The recap as end users may see it: each top feature with the vendor's label for `locale` (or null). */
export function labelFeatures(recap: ValueRecap, labels: Record<string, Record<string, string>>, locale: string | null): ValueRecap {
  return {
    ...recap,
    topFeatures: recap.topFeatures.map((feature) => {
      const text = labels[feature.feature];
      return { ...feature, label: text ? localize(text, locale) : null };
    }),
  };
}
