import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { versionedCache } from "../../lib/versioned-cache.ts";
import type { BootstrapResponse } from "../../../shared/wire/bootstrap.ts";
import { tenantVersion } from "../tenants/tenant-version.ts";

/**
 * The widget's bootstrap is read far more often than anything it shows changes, so each
 * process keeps recent answers in memory for a moment.
 *
 * - An answer is kept at most `SNAPSHOT_TTL_MS`, and never past its entitlement's next
 *   boundary, so the state it carries is always the state at the instant it is served.
 * - Every write moves its tenant's version (services/tenants/changes.ts): at once in the
 *   process that wrote it, within a second in other processes (their change watcher) and
 *   Worker isolates (the poll at the start of a request, workers/coherence.ts).
 * - The TTL bounds what no version covers: metered use and active users, counted from events.
 */
export const SNAPSHOT_TTL_MS = 1_000;
const MAX_ENTRIES = 50_000;

export type Snapshot = Omit<BootstrapResponse, "serverNow">;

/** Each snapshot beside its tenant, whose version it was read at. */
const kept = versionedCache<{ tenantId: string; snapshot: Snapshot }>({ max: MAX_ENTRIES, currentVersion: (db, value) => tenantVersion(db, value.tenantId) });

/** Reads under way, so a burst of misses for one key reads the database once. */
const readsUnderWay = perDb((): Map<string, { version: string; snapshot: Promise<Snapshot> }> => new Map());

/**
 * The snapshot for `key`: remembered, or joined to a read under way at the same version,
 * or read now with `load` (and remembered).
 */
export async function snapshotFor(db: Db, input: { key: string; tenantId: string; now: number; load: () => Promise<Snapshot> }): Promise<Snapshot> {
  const { key, tenantId, now } = input;
  const hit = kept.get(db, key, now);
  if (hit) return hit.value.snapshot;
  const reads = readsUnderWay(db);
  const version = tenantVersion(db, tenantId);
  const underWay = reads.get(key);
  if (underWay && underWay.version === version) return underWay.snapshot;
  const snapshot = input.load();
  reads.set(key, { version, snapshot });
  try {
    const loaded = await snapshot;
    const boundary = loaded.entitlement.nextChangeAt ?? Number.POSITIVE_INFINITY;
    kept.set(db, key, { value: { tenantId, snapshot: loaded }, version, until: Math.min(now + SNAPSHOT_TTL_MS, boundary) });
    return loaded;
  } finally {
    if (reads.get(key)?.snapshot === snapshot) reads.delete(key);
  }
}

const serialized = new WeakMap<Snapshot, string>();

/** The wire JSON of a snapshot with `serverNow` added; the snapshot is serialized once. */
export function snapshotJson(snapshot: Snapshot, serverNow: number): string {
  let json = serialized.get(snapshot);
  if (json === undefined) {
    json = JSON.stringify(snapshot);
    serialized.set(snapshot, json);
  }
  return `${json.slice(0, -1)},"serverNow":${serverNow}}`;
}
