import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import type { UsageEventRow } from "./prepare-events.ts";

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

/**
 * Stores a batch once, whatever happens. One write transaction (a libSQL batch):
 * 1. insert-or-ignore the events — the primary key (tenant, event id) drops any already stored,
 *    including the same batch sent concurrently;
 * 2. note accounts where a user is active on a day for the first time (seats in use may grow);
 * 3. add to the daily rollups (with metered quantities, see usage-daily.ts) and lifetime
 *    counters only the rows *this* ingestion inserted (the newest rowids with this
 *    `ingest_id`), so a duplicate never counts twice;
 * 4. read those rows back for checklist evaluation.
 * The rows travel as one JSON parameter: binding ~14 parameters per event costs far more than
 * SQLite's JSON parsing. All rows share one `ingestId`, tenant, source and receipt time.
 */
export async function ingestEvents(db: Db, rows: readonly UsageEventRow[]): Promise<IngestResult> {
  const first = rows[0];
  if (!first) return { accepted: 0, duplicates: 0, fresh: [], newActiveUserDays: new Set() };
  const payload = JSON.stringify(
    rows.map((r) => [r.eventId, r.accountId, r.userId ?? null, r.name, r.feature ?? null, r.module ?? null, r.score ?? null, r.properties ?? null, r.occurredAt, r.day]),
  );
  // The rows this ingestion inserted are among the table's last `rows.length` rowids: the
  // batch holds the write lock, and SQLite gives new rows rowids above every existing one.
  // Read them there by this ingestion's id, rather than parse the payload and look every
  // event id up again for each of the four statements below.
  const fresh = sql`fresh AS MATERIALIZED (
    SELECT account_id, day, user_id, name, feature, module, score, properties FROM usage_events
    WHERE rowid > (SELECT max(rowid) FROM usage_events) - ${rows.length} AND ingest_id = ${first.ingestId})`;
  const [, userDays, , inserted] = await db.batch([
    db.run(sql`INSERT INTO usage_events (tenant_id, event_id, account_id, user_id, name, feature, module, score, properties, occurred_at, day, source, ingest_id, received_at)
      SELECT ${first.tenantId}, e.value->>0, e.value->>1, e.value->>2, e.value->>3, e.value->>4, e.value->>5, e.value->>6, e.value->>7, e.value->>8, e.value->>9,
        ${first.source}, ${first.ingestId}, ${first.receivedAt}
      FROM json_each(${payload}) AS e WHERE true
      ON CONFLICT DO NOTHING`),
    // Before the rollups: accounts where some user is active on a day for the first time.
    db.all<{ account_id: string }>(sql`WITH ${fresh}
      SELECT DISTINCT f.account_id FROM fresh f WHERE f.user_id IS NOT NULL AND NOT EXISTS (
        SELECT 1 FROM usage_daily d WHERE d.account_id = f.account_id AND d.day = f.day AND d.kind = 'user' AND d.key = f.user_id)`),
    db.run(sql`WITH ${fresh}
      INSERT INTO usage_daily (account_id, day, kind, key, count)
      SELECT account_id, day, 'event', name, count(*) FROM fresh GROUP BY account_id, day, name
      UNION ALL SELECT account_id, day, 'user', user_id, count(*) FROM fresh WHERE user_id IS NOT NULL GROUP BY account_id, day, user_id
      UNION ALL SELECT account_id, day, 'feature', feature, count(*) FROM fresh WHERE feature IS NOT NULL GROUP BY account_id, day, feature
      UNION ALL SELECT account_id, day, 'module', module, count(*) FROM fresh WHERE module IS NOT NULL GROUP BY account_id, day, module
      UNION ALL SELECT account_id, day, 'nps', score, count(*) FROM fresh WHERE score IS NOT NULL GROUP BY account_id, day, score
      UNION ALL SELECT account_id, day, 'quantity', name, sum(quantity - 1) FROM (
        SELECT account_id, day, name, properties->>'$.quantity' AS quantity FROM fresh
        WHERE properties IS NOT NULL AND json_type(properties, '$.quantity') IN ('integer', 'real') AND properties->>'$.quantity' >= 0
      ) WHERE quantity <> 1 GROUP BY account_id, day, name
      ON CONFLICT (account_id, day, kind, key) DO UPDATE SET count = usage_daily.count + excluded.count`),
    db.all<{ account_id: string; user_id: string | null; name: string; properties: string | null }>(sql`WITH ${fresh}
      SELECT account_id, user_id, name, properties FROM fresh`),
    db.run(sql`WITH ${fresh}
      INSERT INTO usage_counters (account_id, user_key, name, count)
      SELECT account_id, '', name, count(*) FROM fresh GROUP BY account_id, name
      UNION ALL SELECT account_id, user_id, name, count(*) FROM fresh WHERE user_id IS NOT NULL GROUP BY account_id, user_id, name
      ON CONFLICT (account_id, user_key, name) DO UPDATE SET count = usage_counters.count + excluded.count`),
  ]);
  const freshEvents = inserted.map((row) => ({
    accountId: row.account_id,
    userId: row.user_id,
    name: row.name,
    properties: row.properties ? (JSON.parse(row.properties) as Record<string, unknown>) : null,
  }));
  const newActiveUserDays = new Set(userDays.map((row) => row.account_id));
  return { accepted: freshEvents.length, duplicates: rows.length - freshEvents.length, fresh: freshEvents, newActiveUserDays };
}
