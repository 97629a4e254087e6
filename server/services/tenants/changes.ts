import { asc, desc, gt, sql } from "drizzle-orm";
import type { BatchItem, BatchResponse } from "drizzle-orm/batch";
import type { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import type { Db } from "../../db/client.ts";
import { changeVersions } from "../../db/schema/index.ts";
import { bumpAllVersions, bumpVersions, notifyChange } from "./tenant-version.ts";
import type { ChangeEvent } from "./tenant-version.ts";

export { onChange } from "./tenant-version.ts";
export type { ChangeEvent, ChangeListener } from "./tenant-version.ts";

/**
 * The one place a user-visible write is announced. Every service that commits something a
 * widget, a cache or a report shows calls `recordChange` (or, inside its own transaction,
 * `changeStatements` then `announceChange`). That does two things:
 *
 * 1. In the write's own batch, it bumps a durable row in `change_versions`: one per tenant for
 *    tenant-wide changes (settings, checklists, keys), one per account for an account's data.
 *    Other processes and Worker isolates read these rows to learn of the write.
 * 2. After the commit, it moves this handle's in-process versions (tenant-version.ts), so
 *    caches here drop what the write made stale before the next read, and calls every
 *    `onChange` listener at once.
 *
 * Writes made by other processes reach this one through `startChangeWatcher` (Node) or
 * `changeWatcher(db).pollIfDue(now)` (one query per handle per interval, on the `seq` index,
 * never per client). Staleness across processes is therefore bounded by the poll interval
 * (1 s by default) plus the query's own time; within a process there is none.
 */
export interface Change {
  tenantId: string;
  /** The account (`acct_…`) whose data changed; omitted for a tenant-wide change. */
  accountId?: string | null;
}

/** Anything that can run a raw statement: the database or one of its transactions. */
interface Runner {
  run: Db["run"];
}

interface Hub {
  /** Marks this handle's rows so its own watcher does not announce them twice. */
  origin: string;
  watcher: ChangeWatcher | null;
}

const hubs = new WeakMap<Db, Hub>();

function hubFor(db: Db): Hub {
  let hub = hubs.get(db);
  if (!hub) {
    hub = { origin: globalThis.crypto.randomUUID(), watcher: null };
    hubs.set(db, hub);
  }
  return hub;
}

function bumpRow(runner: Runner, input: { key: string; tenantId: string; origin: string }): SQLiteRaw<unknown> {
  // `seq` is taken under the write lock, so commits are ordered by it.
  return runner.run(sql`INSERT INTO change_versions (key, tenant_id, version, seq, origin)
    VALUES (${input.key}, ${input.tenantId}, 1,
      COALESCE((SELECT seq FROM change_versions ORDER BY seq DESC LIMIT 1), 0) + 1, ${input.origin})
    ON CONFLICT (key) DO UPDATE SET version = version + 1, seq = excluded.seq, origin = excluded.origin`) as SQLiteRaw<unknown>;
}

/**
 * The statements that record a change durably, to run in the write's own batch or
 * transaction (built on `runner`, so on the transaction when there is one). Call
 * `announceChange` after the commit.
 */
export function changeStatements(db: Db, change: Change, runner: Runner = db): SQLiteRaw<unknown>[] {
  const { origin } = hubFor(db);
  const key = change.accountId ?? change.tenantId;
  return [bumpRow(runner, { key, tenantId: change.tenantId, origin })];
}

/** After a commit that included `changeStatements`: moves local versions and tells listeners. */
export function announceChange(db: Db, change: Change): void {
  bumpVersions(db, change);
  notifyChange(db, { tenantId: change.tenantId, accountId: change.accountId ?? null, origin: "local" });
}

/**
 * Commits `writes` and the change's version bump as one batch (one transaction), then
 * announces it. Answers the writes' results, in order.
 * @example const [[term]] = await recordChange(db, { tenantId, accountId }, [db.update(contractTerms).set(f).where(w).returning()]);
 */
export async function recordChange<T extends BatchItem<"sqlite">[]>(db: Db, change: Change, writes: [...T]): Promise<BatchResponse<T>> {
  const all = [...writes, ...changeStatements(db, change)] as unknown as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
  const results = await db.batch(all);
  announceChange(db, change);
  return results.slice(0, writes.length) as unknown as BatchResponse<T>;
}

/** The highest `seq` written so far (0 for none). */
export async function latestChangeSeq(db: Db): Promise<number> {
  const [row] = await db.select({ seq: changeVersions.seq }).from(changeVersions).orderBy(desc(changeVersions.seq)).limit(1);
  return row?.seq ?? 0;
}

/** Rows bumped after `seq`, oldest first: a range read on the `seq` index. */
export async function changesSince(db: Db, seq: number, limit = 1_000): Promise<Array<typeof changeVersions.$inferSelect>> {
  return db.select().from(changeVersions).where(gt(changeVersions.seq, seq)).orderBy(asc(changeVersions.seq)).limit(limit);
}

const PAGE = 1_000;
const MAX_PAGES = 10;

export interface ChangeWatcher {
  /** Reads rows bumped since the last poll and announces other handles' changes. One poll at a time. */
  poll(): Promise<void>;
  /** Polls when `intervalMs` has passed since the last poll began (for Worker isolates: call per request). */
  pollIfDue(now: number, intervalMs?: number): Promise<void>;
}

/** This handle's watcher (one per handle). The first poll only notes where the table stands. */
export function changeWatcher(db: Db): ChangeWatcher {
  const hub = hubFor(db);
  if (hub.watcher) return hub.watcher;
  let last: number | null = null;
  let running: Promise<void> | null = null;
  let lastPollAt = Number.NEGATIVE_INFINITY;
  async function readOnce(): Promise<void> {
    if (last === null) {
      last = await latestChangeSeq(db);
      return;
    }
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = await changesSince(db, last, PAGE);
      for (const row of rows) {
        last = row.seq;
        if (row.origin === hub.origin) continue;
        const accountId = row.key === row.tenantId ? null : row.key;
        bumpVersions(db, { tenantId: row.tenantId, accountId });
        const event: ChangeEvent = { tenantId: row.tenantId, accountId, origin: "remote" };
        notifyChange(db, event);
      }
      if (rows.length < PAGE) return;
    }
    // Too far behind to name every change: everything here is stale; start again from the top.
    bumpAllVersions(db);
    notifyChange(db, { tenantId: null, accountId: null, origin: "remote" });
    last = await latestChangeSeq(db);
  }
  const watcher: ChangeWatcher = {
    poll() {
      running ??= readOnce().finally(() => {
        running = null;
      });
      return running;
    },
    pollIfDue(now, intervalMs = 1_000) {
      if (running) return running;
      if (now - lastPollAt < intervalMs) return Promise.resolve();
      lastPollAt = now;
      return watcher.poll();
    },
  };
  hub.watcher = watcher;
  return watcher;
}

/**
 * Polls the change rows every `intervalMs` (Node). The timer does not keep the process alive;
 * a failed poll is logged and the next one tries again. `stop` resolves once a poll under
 * way has finished.
 * @example const stop = await startChangeWatcher(db); … await stop();
 */
export async function startChangeWatcher(db: Db, options: { intervalMs?: number } = {}): Promise<() => Promise<void>> {
  const watcher = changeWatcher(db);
  await watcher.poll();
  let stopped = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let current: Promise<void> = Promise.resolve();
  function schedule(): void {
    timer = setTimeout(() => {
      current = watcher
        .poll()
        .catch((error: unknown) => console.error("[changes] poll failed", error))
        .finally(() => {
          if (!stopped) schedule();
        });
    }, options.intervalMs ?? 1_000);
    (timer as { unref?: () => void }).unref?.();
  }
  schedule();
  return async () => {
    stopped = true;
    clearTimeout(timer);
    await current;
  };
}
