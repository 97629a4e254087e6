import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/**
 * Daily metered totals per event name over `[fromDay, toDay]` (local dates, inclusive), from
 * the rollups: each day's event count plus its extra quantity (see usage-daily.ts). Ingestion
 * writes rollups only for events it stored for the first time, so a resent event counts once.
 */
export async function readMeteredDays(
  db: Db,
  accountId: string,
  events: readonly string[],
  fromDay: string,
  toDay: string,
): Promise<Map<string, Map<string, number>>> {
  const out = new Map<string, Map<string, number>>();
  if (events.length === 0) return out;
  const rows = await db.all<{ key: string; day: string; total: number }>(sql`
    SELECT key, day, sum(count) AS total FROM usage_daily
    WHERE account_id = ${accountId} AND kind IN ('event', 'quantity') AND key IN (SELECT value FROM json_each(${JSON.stringify(events)}))
      AND day >= ${fromDay} AND day <= ${toDay}
    GROUP BY key, day`);
  for (const row of rows) {
    let days = out.get(row.key);
    if (!days) out.set(row.key, (days = new Map()));
    days.set(row.day, Number(row.total));
  }
  return out;
}
