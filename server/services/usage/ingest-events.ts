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

/** One caller's batch: its rows (one `ingestId`, tenant, source and receipt time) and their properties. */
interface Batch {
  ingestId: string;
  rows: readonly UsageEventRow[];
  properties: ReadonlyArray<Record<string, unknown> | null>;
}

/**
 * Stores a batch once, whatever happens, and says which of its events were new.
 *
 * On a database handle given to `groupIngestion` (the Node entry's), batches that arrive
 * together, such as several vendors' backends sending at once, are written in one
 * transaction: one commit for all, rollup rows they share written once, and longer sorted
 * upserts that touch fewer pages (eight batches of eight tenants cost SQLite a third less
 * per event than eight writes). A lone batch waits one turn of the event loop, no longer.
 * If a group's write fails, each of its batches is written alone, so one bad batch (an
 * account deleted meanwhile) fails only its own request. Workers isolates must not share
 * I/O between requests, so there every batch is written on its own.
 * `properties` are the rows' properties as objects (null when empty), in the same order.
 */
export function ingestEvents(db: Db, rows: readonly UsageEventRow[], properties: ReadonlyArray<Record<string, unknown> | null>): Promise<IngestResult> {
  const ingestId = rows[0]?.ingestId;
  if (ingestId === undefined) return Promise.resolve({ accepted: 0, duplicates: 0, fresh: [], newActiveUserDays: new Set() });
  if (!grouped.has(db)) return writeOne(db, { ingestId, rows, properties });
  return new Promise((resolve, reject) => {
    const waiting = queued.get(db) ?? [];
    if (waiting.length === 0) {
      queued.set(db, waiting);
      setImmediate(() => void flush(db));
    }
    waiting.push({ ingestId, rows, properties, resolve, reject });
  });
}

/** A group stays under this many events, so its JSON parameters stay a few MB at most. */
const MAX_GROUP_EVENTS = 2_000;

interface Waiting extends Batch {
  resolve(result: IngestResult): void;
  reject(error: unknown): void;
}

const grouped = new WeakSet<Db>();
const queued = new WeakMap<Db, Waiting[]>();

/** Node only: batches arriving in the same turn of the event loop share one write (see `ingestEvents`). */
export function groupIngestion(db: Db): void {
  grouped.add(db);
}

async function flush(db: Db): Promise<void> {
  const waiting = queued.get(db) ?? [];
  queued.delete(db);
  let group: Waiting[] = [];
  let events = 0;
  for (const batch of waiting) {
    if (group.length > 0 && events + batch.rows.length > MAX_GROUP_EVENTS) {
      await settle(db, group);
      group = [];
      events = 0;
    }
    group.push(batch);
    events += batch.rows.length;
  }
  if (group.length > 0) await settle(db, group);
}

async function settle(db: Db, group: readonly Waiting[]): Promise<void> {
  try {
    const results = await writeGroup(db, group);
    for (const [i, batch] of group.entries()) batch.resolve(results[i] as IngestResult);
  } catch (error) {
    if (group.length === 1) for (const batch of group) batch.reject(error);
    // Nothing of the group was written (one transaction): each batch on its own, for its own answer.
    else for (const batch of group) await writeOne(db, batch).then(batch.resolve, batch.reject);
  }
}

const writeOne = async (db: Db, batch: Batch): Promise<IngestResult> => (await writeGroup(db, [batch]))[0] as IngestResult;

/**
 * Stores batches in one write transaction (a libSQL batch), and answers for each:
 * 1. insert-or-ignore the events — the primary key (tenant, event id) drops any already stored,
 *    including the same batch sent concurrently, or twice in one group;
 * 2. note accounts where a user is active on a day for the first time (seats in use may grow);
 * 3. add to the daily rollups (with metered quantities, see usage-daily.ts) and lifetime
 *    counters only the rows *this* write inserted, so a duplicate never counts twice.
 *    When it inserted every row (the usual case), the rollups are added up in memory and
 *    written one row per rollup; otherwise the statements group the rows it did insert (the
 *    newest rowids with the batches' `ingest_id`s) and read them back, for each batch's answer
 *    and checklist evaluation. Each path's statements are guarded by the same test, so exactly
 *    one of them writes.
 * The rows travel as one JSON parameter: binding ~14 parameters per event costs far more than
 * SQLite's JSON parsing.
 */
async function writeGroup(db: Db, batches: readonly Batch[]): Promise<IngestResult[]> {
  const rows = batches.flatMap((b) => b.rows);
  const properties = batches.flatMap((b) => b.properties);
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
      r.tenantId,
      r.source,
      r.ingestId,
      r.receivedAt,
    ]),
  );
  const ingestIds = JSON.stringify(batches.map((b) => b.ingestId));
  const { daily, counters } = rollupsOf(rows, properties);
  // The rows this write inserted are among the table's last `rows.length` rowids: the
  // transaction holds the write lock, and SQLite gives new rows rowids above every existing one.
  const ours = sql`rowid > (SELECT max(rowid) FROM usage_events) - ${rows.length} AND ingest_id IN (SELECT value FROM json_each(${ingestIds}))`;
  // Every row is new exactly when the lowest of those rowids is ours: new rows take the next
  // rowids in turn, so if some were dropped that rowid belongs to an older row (or none).
  // A point lookup, where counting our rows would read them all, once per guarded statement.
  const allNew = sql`EXISTS (SELECT 1 FROM usage_events WHERE rowid = (SELECT max(rowid) FROM usage_events) - ${rows.length - 1}
    AND ingest_id IN (SELECT value FROM json_each(${ingestIds})))`;
  const fresh = sql`fresh AS MATERIALIZED (SELECT account_id, day, user_id FROM usage_events WHERE ${ours})`;
  // Only when some rows were already stored: the rows this write did insert.
  const someFresh = sql`some AS MATERIALIZED (SELECT * FROM usage_events WHERE ${ours} AND NOT ${allNew})`;
  const [insert, userDays, , , inserted] = await db.batch([
    db.run(sql`INSERT INTO usage_events (event_id, account_id, user_id, name, feature, module, score, properties, occurred_at, day, tenant_id, source, ingest_id, received_at)
      SELECT e.value->>0, e.value->>1, e.value->>2, e.value->>3, e.value->>4, e.value->>5, e.value->>6, e.value->>7, e.value->>8, e.value->>9,
        e.value->>10, e.value->>11, e.value->>12, e.value->>13
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
    db.all<{ ingest_id: string; account_id: string; user_id: string | null; name: string; properties: string | null }>(sql`WITH ${someFresh}
      SELECT ingest_id, account_id, user_id, name, properties FROM some`),
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
  const newUserDays = new Set(userDays.map((row) => row.account_id));
  const insertedBy = new Map<string, FreshEvent[]>();
  if (!everyRow) {
    for (const row of inserted) {
      const events = insertedBy.get(row.ingest_id) ?? [];
      insertedBy.set(row.ingest_id, events);
      events.push({
        accountId: row.account_id,
        userId: row.user_id,
        name: row.name,
        properties: row.properties ? (JSON.parse(row.properties) as Record<string, unknown>) : null,
      });
    }
  }
  return batches.map(({ ingestId, rows: own, properties: props }) => {
    const fresh = everyRow
      ? own.map((r, i) => ({ accountId: r.accountId, userId: r.userId ?? null, name: r.name, properties: props[i] ?? null }))
      : (insertedBy.get(ingestId) ?? []);
    const accounts = new Set(own.map((r) => r.accountId));
    return {
      accepted: fresh.length,
      duplicates: own.length - fresh.length,
      fresh,
      newActiveUserDays: batches.length === 1 ? newUserDays : new Set([...newUserDays].filter((account) => accounts.has(account))),
    };
  });
}
