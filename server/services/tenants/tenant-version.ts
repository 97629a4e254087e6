import type { Db } from "../../db/client.ts";

/**
 * A per-process version for each tenant's data, bumped by every write made through this
 * process. In-memory copies (the key cache, widget snapshots) remember the version they were
 * read at and are dropped when it moves, so a write is seen by the very next read here.
 * Writes by other processes reach readers when those copies expire.
 */
interface Versions {
  tenants: Map<string, number>;
  epoch: number;
  /** Every touch of any tenant: lets a reader that does not know the tenant yet see a change. */
  changes: number;
}

const versions = new WeakMap<Db, Versions>();

function versionsFor(db: Db): Versions {
  let found = versions.get(db);
  if (!found) {
    found = { tenants: new Map(), epoch: 0, changes: 0 };
    versions.set(db, found);
  }
  return found;
}

/** The version to remember; read it BEFORE reading the data it versions. */
export function tenantVersion(db: Db, tenantId: string): string {
  const found = versionsFor(db);
  return `${found.epoch}:${found.tenants.get(tenantId) ?? 0}`;
}

export function touchTenant(db: Db, tenantId: string): void {
  const found = versionsFor(db);
  found.tenants.set(tenantId, (found.tenants.get(tenantId) ?? 0) + 1);
  found.changes++;
  notify(db, { tenantId });
}

/** A write that may change what widgets show: one tenant's, or (null) any tenant's. */
export interface TenantChange {
  tenantId: string | null;
}
type ChangeListener = (change: TenantChange) => void;
const listeners = new WeakMap<Db, Set<ChangeListener>>();

/** Hears every write made through this process, as it is made (the widget push stream). Returns the way to stop. */
export function onChange(db: Db, listener: ChangeListener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

function notify(db: Db, change: TenantChange): void {
  for (const listener of [...(listeners.get(db) ?? [])]) {
    try {
      listener(change);
    } catch (error) {
      console.error("[tenure] a change listener threw", error);
    }
  }
}

/** How many touches so far, of any tenant; read before a read whose tenant is not yet known. */
export function changeCount(db: Db): number {
  const found = versionsFor(db);
  return found.changes + found.epoch;
}

/** For changes not made on behalf of one tenant (the scheduler's). */
export function touchAllTenants(db: Db): void {
  versionsFor(db).epoch++;
  notify(db, { tenantId: null });
}
