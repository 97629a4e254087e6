import { perDb } from "../db/client.ts";
import type { Db } from "../db/client.ts";

/** A kept value, the version of what it was read from, and the instant (epoch ms) it stops being served. */
export interface KeptEntry<V> {
  value: V;
  version: string | number;
  until: number;
}

export interface VersionedCache<V> {
  /** The entry for `key` while it is before its `until` and its version is still the current one. */
  get(db: Db, key: string, now: number): KeptEntry<V> | undefined;
  /** Keeps an entry; the oldest goes first when the cache is full. */
  set(db: Db, key: string, entry: KeptEntry<V>): void;
}

/**
 * Values a process keeps for its hot reads, each beside the version of what it was read from
 * (tenant-version.ts, or usage-cache.ts for metered totals). Versions move before a write
 * through this process is acknowledged, so a kept value never outlives a write made here;
 * `until` bounds what versions do not cover (writes by other processes, the clock).
 *
 * The rule for callers: read the version BEFORE reading what it versions, and keep a value
 * only when no write landed during the read (its change counter did not move). One store per
 * database handle.
 * @example const kept = versionedCache<AccountRow>({ max: 100_000, currentVersion: (db, row) => accountVersion(db, row.tenantId, row.id) });
 */
export function versionedCache<V>(options: { max: number; currentVersion: (db: Db, value: V) => string | number }): VersionedCache<V> {
  const { max, currentVersion } = options;
  const storeFor = perDb((): Map<string, KeptEntry<V>> => new Map());
  return {
    get(db, key, now) {
      const entry = storeFor(db).get(key);
      if (!entry || now >= entry.until || entry.version !== currentVersion(db, entry.value)) return undefined;
      return entry;
    },
    set(db, key, entry) {
      const entries = storeFor(db);
      // Deleted first so a kept-again key moves to the end: a Map iterates in insertion order.
      entries.delete(key);
      if (entries.size >= max) {
        const oldest = entries.keys().next();
        if (!oldest.done) entries.delete(oldest.value);
      }
      entries.set(key, entry);
    },
  };
}
