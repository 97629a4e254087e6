import type { Db } from "../../db/client.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { countActiveUsers } from "./active-users.ts";
import { localDay, windowStartDay } from "./local-days.ts";
import { readDailyUsage, readRollups } from "./read-rollups.ts";

/** An account's usage over the last `days` local days: totals, seats active, and each day. */
export async function usageView(db: Db, input: { account: AccountRow; days: number; now: number }): Promise<Record<string, unknown>> {
  const { account, days, now } = input;
  const from = windowStartDay(now, days, account.timezone);
  const to = localDay(now, account.timezone);
  const [totals, daily, activeSeats] = await Promise.all([
    readRollups(db, account.id, from, to),
    readDailyUsage(db, account.id, from, to),
    countActiveUsers(db, account, now),
  ]);
  return {
    accountId: account.externalId,
    timezone: account.timezone,
    from,
    to,
    activeUsers: totals.activeUsers,
    activeSeats30d: activeSeats,
    totals: {
      events: Object.fromEntries(totals.events),
      features: Object.fromEntries(totals.features),
      modules: Object.fromEntries(totals.modules),
      nps: Object.fromEntries(totals.nps),
    },
    days: daily,
  };
}
