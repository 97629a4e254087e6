import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones } from "../../db/schema/index.ts";
import { recommendGift } from "../../../shared/reports/recommendation.ts";
import type { Recommendation } from "../../../shared/reports/recommendation.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { countActiveUsers } from "../usage/active-users.ts";
import { licensedSeats } from "../usage/licensed-seats.ts";

/** Seats, time or nothing for this account now, with a reason a CSM can read. */
export async function recommendationFor(db: Db, input: { account: AccountRow; now: number }): Promise<Recommendation> {
  const { account, now } = input;
  const [seats, activeUsers, firstValue] = await Promise.all([
    licensedSeats(db, account.id, now),
    countActiveUsers(db, account, now),
    db.query.accountMilestones.findFirst({ where: and(eq(accountMilestones.accountId, account.id), eq(accountMilestones.milestone, "first_value")) }),
  ]);
  return recommendGift({
    activeUsers,
    licensedSeats: seats?.licensed ?? 0,
    stage: account.stage,
    firstValueReached: firstValue !== undefined,
    hasContract: seats !== null,
  });
}
