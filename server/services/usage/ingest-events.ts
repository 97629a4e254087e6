import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { UsageEventRow } from "./prepare-events.ts";
import { noteUsage } from "./usage-cache.ts";

/** An event this ingestion stored for the first time. */
export interface FreshEvent {
  accountId: string;
  userId: string | null;
  name: string;
  properties: Record<string, unknown> | null;
}

export interface IngestResult {
  accepted: number;
  duplicates: number;
  fresh: FreshEvent[];
  /** Accounts where a user showed up for the first time on some day: seats in use may have grown. */
  newActiveUserDays: Set<string>;
}

/** A daily rollup as the fast path sends it: account, day, kind, key, and an amount to add. */
type Daily = [string, string, string, string | number, number];
/** A lifetime counter: account, user ("" for the whole account), name, and an amount to add. */
type Counter = [string, string, string, number];

/**
 * The batch's rollups, added up in memory: one row per (account, day, kind, key) and per
 * (account, user, name), exactly what the grouped statements below compute from the stored rows.
 * Quantities travel one per event (`quantity − 1`) for SQLite's own `sum()` to add, so a
 * fractional quantity sums as it does on the other path.
 */
function rollupsOf(rows: readonly UsageEventRow[], properties: ReadonlyArray<Record<string, unknown> | null>): { daily: Daily[]; counters: Counter[] } {
  const daily = new Map<string, Daily>();
  const counters = new Map<string, Counter>();
  const extra: Daily[] = [];
  // Counts one more of a row's group; the group is every field but the last (the amount).
  // Joined with NUL: only a group's last field (a feature, module or score) may contain one,
  // so the join cannot make two groups one, and it costs a fraction of a JSON text per event.
  const add = <T extends Daily | Counter>(into: Map<string, T>, row: T): void => {
    const key = row.length === 5 ? `${row[0]}\u0000${row[1]}\u0000${row[2]}\u0000${row[3]}` : `${row[0]}\u0000${row[1]}\u0000${row[2]}`;
    const found = into.get(key);
    if (found) found[found.length - 1] = (found[found.length - 1] as number) + 1;
    else into.set(key, row);
  };
  rows.forEach((r, i) => {
    const { accountId: account, day, name } = r;
    const user = r.userId ?? null;
    add(daily, [account, day, "event", name, 1]);
    if (user !== null) add(daily, [account, day, "user", user, 1]);
    if (r.feature != null) add(daily, [account, day, "feature", r.feature, 1]);
    if (r.module != null) add(daily, [account, day, "module", r.module, 1]);
    if (r.score != null && Number.isFinite(r.score)) add(daily, [account, day, "nps", r.score, 1]);
    const quantity = properties[i]?.quantity;
    if (typeof quantity === "number" && Number.isFinite(quantity) && quantity >= 0 && quantity !== 1)
      extra.push([account, day, "quantity", name, quantity - 1]);
    add(counters, [account, "", name, 1]);
    if (user !== null) add(counters, [account, user, name, 1]);
  });
  return { daily: [...daily.values(), ...extra], counters: [...counters.values()] };
}

/**
 * Stores a batch once, whatever happens. One write transaction (a libSQL batch):
 * 1. insert-or-ignore the events — the primary key (tenant, event id) drops any already stored,
 *    including the same batch sent concurrently;
 * 2. note accounts where a user is active on a day for the first time (seats in use may grow);
 * 3. add to the daily rollups (with metered quantities, see usage-daily.ts) and lifetime
 *    counters only the rows *this* ingestion inserted, so a duplicate never counts twice.
 *    When it inserted every row (the usual case), the rollups are added up in memory and
 *    written one row per rollup; otherwise the statements group the rows it did insert (the
 *    newest rowids with this `ingest_id`) and read them back for checklist evaluation. Each
 *    path's statements are guarded by the same test, so exactly one of them writes.
 * The rows travel as one JSON parameter: binding ~14 parameters per event costs far more than
 * SQLite's JSON parsing. All rows share one `ingestId`, tenant, source and receipt time.
 * `properties` are the rows' properties as objects (null when empty), in the same order.
 */
export async function ingestEvents(db: Db, rows: readonly UsageEventRow[], properties: ReadonlyArray<Record<string, unknown> | null>): Promise<IngestResult> {
  const first = rows[0];
  if (!first) return { accepted: 0, duplicates: 0, fresh: [], newActiveUserDays: new Set() };
  const payload = JSON.stringify(
    rows.map((r) => [
      r.eventId,
      r.accountId,
      r.userId ?? null,
      r.name,
      r.feature ?? null,
      r.module ?? null,
      r.score ?? null,
      r.properties ?? null,
      r.occurredAt,
      r.day,
    ]),
  );
  const { daily, counters } = rollupsOf(rows, properties);
  // The rows this ingestion inserted are among the table's last `rows.length` rowids: the
  // batch holds the write lock, and SQLite gives new rows rowids above every existing one.
  const ours = sql`rowid > (SELECT max(rowid) FROM usage_events) - ${rows.length} AND ingest_id = ${first.ingestId}`;
  const allNew = sql`(SELECT count(*) FROM usage_events WHERE ${ours}) = ${rows.length}`;
  const fresh = sql`fresh AS MATERIALIZED (SELECT account_id, day, user_id, name, feature, module, score, properties FROM usage_events WHERE ${ours})`;
  // Only when some rows were already stored: the rows this ingestion did insert.
  const someFresh = sql`some AS MATERIALIZED (SELECT * FROM usage_events WHERE ${ours} AND NOT ${allNew})`;
  const [insert, userDays, , , inserted] = await db.batch([
    db.run(sql`INSERT INTO usage_events (tenant_id, event_id, account_id, user_id, name, feature, module, score, properties, occurred_at, day, source, ingest_id, received_at)
      SELECT ${first.tenantId}, e.value->>0, e.value->>1, e.value->>2, e.value->>3, e.value->>4, e.value->>5, e.value->>6, e.value->>7, e.value->>8, e.value->>9,
        ${first.source}, ${first.ingestId}, ${first.receivedAt}
      FROM json_each(${payload}) AS e WHERE true
      ON CONFLICT DO NOTHING`),
    // Before the rollups: accounts where some user is active on a day for the first time.
    db.all<{ account_id: string }>(sql`WITH ${fresh}
      SELECT DISTINCT f.account_id FROM fresh f WHERE f.user_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM usage_daily d WHERE d.account_id = f.account_id AND d.day = f.day AND d.kind = 'user' AND d.key = f.user_id)`),
    db.run(sql`INSERT INTO usage_daily (account_id, day, kind, key, count)
      SELECT r.value->>0, r.value->>1, r.value->>2, r.value->>3, sum(r.value->>4) FROM json_each(${JSON.stringify(daily)}) AS r WHERE ${allNew}
      GROUP BY 1, 2, 3, 4
      ON CONFLICT (account_id, day, kind, key) DO UPDATE SET count = usage_daily.count + excluded.count`),
    db.run(sql`INSERT INTO usage_counters (account_id, user_key, name, count)
      SELECT r.value->>0, r.value->>1, r.value->>2, r.value->>3 FROM json_each(${JSON.stringify(counters)}) AS r WHERE ${allNew}
      ON CONFLICT (account_id, user_key, name) DO UPDATE SET count = usage_counters.count + excluded.count`),
    db.all<{ account_id: string; user_id: string | null; name: string; properties: string | null }>(sql`WITH ${someFresh}
      SELECT account_id, user_id, name, properties FROM some`),
    db.run(sql`WITH ${someFresh}
      INSERT INTO usage_daily (account_id, day, kind, key, count)
      SELECT account_id, day, 'event', name, count(*) FROM some GROUP BY account_id, day, name
      UNION ALL SELECT account_id, day, 'user', user_id, count(*) FROM some WHERE user_id IS NOT NULL GROUP BY account_id, day, user_id
      UNION ALL SELECT account_id, day, 'feature', feature, count(*) FROM some WHERE feature IS NOT NULL GROUP BY account_id, day, feature
      UNION ALL SELECT account_id, day, 'module', module, count(*) FROM some WHERE module IS NOT NULL GROUP BY account_id, day, module
      UNION ALL SELECT account_id, day, 'nps', score, count(*) FROM some WHERE score IS NOT NULL GROUP BY account_id, day, score
      UNION ALL SELECT account_id, day, 'quantity', name, sum(quantity - 1) FROM (
        SELECT account_id, day, name, properties->>'$.quantity' AS quantity FROM some
        WHERE properties IS NOT NULL AND json_type(properties, '$.quantity') IN ('integer', 'real') AND properties->>'$.quantity' >= 0
      ) WHERE quantity <> 1 GROUP BY account_id, day, name
      ON CONFLICT (account_id, day, kind, key) DO UPDATE SET count = usage_daily.count + excluded.count`),
    db.run(sql`WITH ${someFresh}
      INSERT INTO usage_counters (account_id, user_key, name, count)
      SELECT account_id, '', name, count(*) FROM some GROUP BY account_id, name
      UNION ALL SELECT account_id, user_id, name, count(*) FROM some WHERE user_id IS NOT NULL GROUP BY account_id, user_id, name
      ON CONFLICT (account_id, user_key, name) DO UPDATE SET count = usage_counters.count + excluded.count`),
  ]);
  // Before the events are acknowledged: metered totals kept in this process count them.
  if (insert.rowsAffected > 0) noteUsage(db, new Set(rows.map((r) => r.accountId)));
  const everyRow = insert.rowsAffected === rows.length;
  const freshEvents: FreshEvent[] = everyRow
    ? rows.map((r, i) => ({ accountId: r.accountId, userId: r.userId ?? null, name: r.name, properties: properties[i] ?? null }))
    : inserted.map((row) => ({
        accountId: row.account_id,
        userId: row.user_id,
        name: row.name,
        properties: row.properties ? (JSON.parse(row.properties) as Record<string, unknown>) : null,
      }));
  const newActiveUserDays = new Set(userDays.map((row) => row.account_id));
  return { accepted: freshEvents.length, duplicates: rows.length - freshEvents.length, fresh: freshEvents, newActiveUserDays };
}
