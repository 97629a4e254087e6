import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

/** Rollup totals over a window of local days, by kind and key; `user` rows collapse to distinct users. */
export interface RollupTotals {
  events: Map<string, number>;
  features: Map<string, number>;
  modules: Map<string, number>;
  nps: Map<number, number>;
  activeUsers: number;
}

/** Sums `usage_daily` for an account over `[fromDay, toDay]` (local `YYYY-MM-DD`, inclusive). */
export async function readRollups(db: Db, accountId: string, fromDay: string, toDay: string): Promise<RollupTotals> {
  const rows = await db.all<{ kind: string; key: string; total: number }>(sql`
    SELECT kind, key, sum(count) AS total FROM usage_daily
    WHERE account_id = ${accountId} AND day >= ${fromDay} AND day <= ${toDay} AND kind <> 'user'
    GROUP BY kind, key
    UNION ALL
    SELECT 'users', '', count(DISTINCT key) FROM usage_daily
    WHERE account_id = ${accountId} AND day >= ${fromDay} AND day <= ${toDay} AND kind = 'user'`);
  const totals: RollupTotals = { events: new Map(), features: new Map(), modules: new Map(), nps: new Map(), activeUsers: 0 };
  for (const row of rows) {
    const total = Number(row.total);
    if (row.kind === "event") totals.events.set(row.key, total);
    else if (row.kind === "feature") totals.features.set(row.key, total);
    else if (row.kind === "module") totals.modules.set(row.key, total);
    else if (row.kind === "nps") totals.nps.set(Number(row.key), total);
    else if (row.kind === "users") totals.activeUsers = total;
  }
  return totals;
}

/** Per-day totals for the usage read: events, distinct active users, per name, feature, module. */
export interface DayUsage {
  date: string;
  events: number;
  activeUsers: number;
  byName: Record<string, number>;
  features: Record<string, number>;
  modules: Record<string, number>;
}

export async function readDailyUsage(db: Db, accountId: string, fromDay: string, toDay: string): Promise<DayUsage[]> {
  const rows = await db.all<{ day: string; kind: string; key: string; total: number; keys: number }>(sql`
    SELECT day, kind, CASE WHEN kind = 'user' THEN '' ELSE key END AS key, sum(count) AS total, count(*) AS keys
    FROM usage_daily WHERE account_id = ${accountId} AND day >= ${fromDay} AND day <= ${toDay} AND kind <> 'nps'
    GROUP BY day, kind, CASE WHEN kind = 'user' THEN '' ELSE key END
    ORDER BY day`);
  const days = new Map<string, DayUsage>();
  for (const row of rows) {
    let day = days.get(row.day);
    if (!day) days.set(row.day, (day = { date: row.day, events: 0, activeUsers: 0, byName: {}, features: {}, modules: {} }));
    const total = Number(row.total);
    if (row.kind === "event") {
      day.byName[row.key] = total;
      day.events += total;
    } else if (row.kind === "feature") day.features[row.key] = total;
    else if (row.kind === "module") day.modules[row.key] = total;
    else if (row.kind === "user") day.activeUsers = Number(row.keys);
  }
  return [...days.values()];
}
