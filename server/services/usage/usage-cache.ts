import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { versionedCache } from "../../lib/versioned-cache.ts";
import { readMeteredDays } from "./metered-usage.ts";

/**
 * Metered totals read from the rollups, kept in this process so `check` and the entitlement
 * read (which answer metered limits on every call) do not query them each time.
 *
 * - Ingestion through this process moves the account's usage version after its commit and
 *   before the events are acknowledged (`noteUsage`), so a read here never misses an event
 *   acknowledged here. A read during which any usage landed is answered but not kept.
 * - Events stored by other processes (another instance, the Workers queue consumer) count
 *   here within `USAGE_CACHE_TTL_MS`, the same bound as the per-account cache.
 */
export const USAGE_CACHE_TTL_MS = 1_000;
const MAX_ENTRIES = 100_000;

interface Store {
  versions: Map<string, number>;
  /** Every move of any account's version, to tell whether a read overlapped an ingestion. */
  moves: number;
}

const storeFor = perDb((): Store => ({ versions: new Map(), moves: 0 }));
const kept = versionedCache<{ accountId: string; days: Map<string, Map<string, number>> }>({
  max: MAX_ENTRIES,
  currentVersion: (db, value) => usageVersion(db, value.accountId),
});

/** After ingestion committed events for these accounts: what was kept for them is stale. */
export function noteUsage(db: Db, accountIds: Iterable<string>): void {
  const store = storeFor(db);
  for (const id of accountIds) store.versions.set(id, (store.versions.get(id) ?? 0) + 1);
  store.moves++;
}

/**
 * `readMeteredDays`, from memory when no usage landed for the account since it was read.
 * The answer is shared: callers must not change it.
 * @example const days = await meteredDays(db, account.id, ["export"], "2026-12-01", "2026-12-02", Date.now());
 */
export async function meteredDays(
  db: Db,
  accountId: string,
  events: readonly string[],
  fromDay: string,
  toDay: string,
  now: number,
): Promise<{ days: Map<string, Map<string, number>> /** Until when (by `now`'s clock) these totals may be served. */; keptUntil: number }> {
  const key = `${accountId}\n${fromDay}\n${toDay}\n${events.join("\n")}`;
  const hit = kept.get(db, key, now);
  if (hit) return { days: hit.value.days, keptUntil: hit.until };
  const version = usageVersion(db, accountId);
  const moves = storeFor(db).moves;
  const days = await readMeteredDays(db, accountId, events, fromDay, toDay);
  const until = now + USAGE_CACHE_TTL_MS;
  if (storeFor(db).moves === moves) kept.set(db, key, { value: { accountId, days }, version, until });
  return { days, keptUntil: until };
}

/** The account's usage version in this process: moved by `noteUsage`. Read it BEFORE reading what it versions. */
export function usageVersion(db: Db, accountId: string): number {
  return storeFor(db).versions.get(accountId) ?? 0;
}
