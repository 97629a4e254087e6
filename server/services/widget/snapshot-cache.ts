import type { Db } from "../../db/client.ts";
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

interface Entry {
  snapshot: Snapshot;
  version: string;
  expiresAt: number;
}

interface Store {
  entries: Map<string, Entry>;
  /** Reads under way, so a burst of misses for one key reads the database once. */
  pending: Map<string, { version: string; snapshot: Promise<Snapshot> }>;
}

const stores = new WeakMap<Db, Store>();

function storeFor(db: Db): Store {
  let store = stores.get(db);
  if (!store) {
    store = { entries: new Map(), pending: new Map() };
    stores.set(db, store);
  }
  return store;
}

function readSnapshot(db: Db, key: string, tenantId: string, now: number): Snapshot | null {
  const entry = storeFor(db).entries.get(key);
  if (!entry || entry.expiresAt <= now || entry.version !== tenantVersion(db, tenantId)) return null;
  return entry.snapshot;
}

/**
 * The snapshot for `key`: remembered, or joined to a read under way at the same version,
 * or read now with `load` (and remembered).
 */
export async function snapshotFor(db: Db, input: { key: string; tenantId: string; now: number; load: () => Promise<Snapshot> }): Promise<Snapshot> {
  const { key, tenantId, now } = input;
  const cached = readSnapshot(db, key, tenantId, now);
  if (cached) return cached;
  const store = storeFor(db);
  const version = tenantVersion(db, tenantId);
  const pending = store.pending.get(key);
  if (pending && pending.version === version) return pending.snapshot;
  const snapshot = input.load();
  store.pending.set(key, { version, snapshot });
  try {
    const loaded = await snapshot;
    writeSnapshot(db, key, { snapshot: loaded, version, now });
    return loaded;
  } finally {
    if (store.pending.get(key)?.snapshot === snapshot) store.pending.delete(key);
  }
}

function writeSnapshot(db: Db, key: string, entry: { snapshot: Snapshot; version: string; now: number }): void {
  const { entries } = storeFor(db);
  if (entries.size >= MAX_ENTRIES) entries.clear();
  const boundary = entry.snapshot.entitlement.nextChangeAt ?? Number.POSITIVE_INFINITY;
  entries.set(key, { snapshot: entry.snapshot, version: entry.version, expiresAt: Math.min(entry.now + SNAPSHOT_TTL_MS, boundary) });
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
