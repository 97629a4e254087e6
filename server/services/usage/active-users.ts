import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { windowStartDay } from "./local-days.ts";

const DAY = 86_400_000;
export const ACTIVE_WINDOW_DAYS = 30;

/**
 * Seats in use: distinct users active in the last 30 days — any signal in the daily rollups
 * (30 local days, today included) or a widget visit (`end_users.last_seen_at`). A user
 * counts once however it was seen. Reads rollups, never raw events.
 */
export async function countActiveUsers(db: Db, account: { id: string; timezone: string }, now: number, days = ACTIVE_WINDOW_DAYS): Promise<number> {
  const [row] = await db.all<{ active: number }>(sql`
    SELECT count(*) AS active FROM (
      SELECT key FROM usage_daily WHERE account_id = ${account.id} AND kind = 'user' AND day >= ${windowStartDay(now, days, account.timezone)}
      UNION
      SELECT external_id FROM end_users WHERE account_id = ${account.id} AND last_seen_at >= ${now - days * DAY}
    )`);
  return Number(row?.active ?? 0);
}
