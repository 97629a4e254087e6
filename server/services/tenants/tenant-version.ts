import type { Db } from "../../db/client.ts";

/**
 * In-process versions of each tenant's and each account's data, and the listeners told of
 * every change. In-memory copies (the key cache, widget snapshots, per-account caches)
 * remember the version they were read at and are dropped when it moves. Versions move only
 * through `changes.ts`: at once for a write made through this handle, and by its watcher for
 * writes made elsewhere.
 */
interface Versions {
  /** Any change in the tenant, tenant-wide or to one of its accounts. */
  tenants: Map<string, number>;
  /** Tenant-wide changes only (settings, checklists, keys): every account's view depends on them. */
  tenantWide: Map<string, number>;
  accounts: Map<string, number>;
  epoch: number;
  /** Every bump of anything: lets a reader that does not know the tenant yet see a change. */
  changes: number;
}

const versions = new WeakMap<Db, Versions>();

function versionsFor(db: Db): Versions {
  let found = versions.get(db);
  if (!found) {
    found = { tenants: new Map(), tenantWide: new Map(), accounts: new Map(), epoch: 0, changes: 0 };
    versions.set(db, found);
  }
  return found;
}

/** The version of everything a tenant has; read it BEFORE reading the data it versions. */
export function tenantVersion(db: Db, tenantId: string): string {
  const found = versionsFor(db);
  return `${found.epoch}:${found.tenants.get(tenantId) ?? 0}`;
}

/**
 * The version of what one account's users see: its own data and its tenant's settings. Not
 * moved by other accounts' writes. Read it BEFORE reading the data it versions.
 * @example const version = accountVersion(db, account.tenantId, account.id);
 */
export function accountVersion(db: Db, tenantId: string, accountId: string): string {
  const found = versionsFor(db);
  return `${found.epoch}:${found.tenantWide.get(tenantId) ?? 0}:${found.accounts.get(accountId) ?? 0}`;
}

/** How many bumps so far, of anything; read before a read whose tenant is not yet known. */
export function changeCount(db: Db): number {
  const found = versionsFor(db);
  return found.changes + found.epoch;
}

/** Moves the in-process versions for a change (changes.ts calls this; nothing else should). */
export function bumpVersions(db: Db, change: { tenantId: string; accountId?: string | null }): void {
  const found = versionsFor(db);
  found.tenants.set(change.tenantId, (found.tenants.get(change.tenantId) ?? 0) + 1);
  if (change.accountId) found.accounts.set(change.accountId, (found.accounts.get(change.accountId) ?? 0) + 1);
  else found.tenantWide.set(change.tenantId, (found.tenantWide.get(change.tenantId) ?? 0) + 1);
  found.changes++;
}

/** Moves every version: for a watcher that fell too far behind to say what changed. */
export function bumpAllVersions(db: Db): void {
  versionsFor(db).epoch++;
}

/** A change that may alter what widgets show: one tenant's (and account's), or (tenantId null) any tenant's. */
export interface ChangeEvent {
  tenantId: string | null;
  /** The account (`acct_…`) whose data changed; null for a tenant-wide change. */
  accountId: string | null;
  /** `local`: written through this handle; `remote`: seen by the change watcher (changes.ts). */
  origin: "local" | "remote";
}

export type ChangeListener = (change: ChangeEvent) => void;
const listeners = new WeakMap<Db, Set<ChangeListener>>();

/**
 * Hears every change: at once for writes through this handle, within the watcher's second
 * for writes by other processes (while `startChangeWatcher` runs). Returns the way to stop.
 * A listener that throws is logged and affects neither the write nor other listeners.
 * @example const stop = onChange(db, ({ tenantId, accountId }) => pushToWidgets(tenantId, accountId));
 */
export function onChange(db: Db, listener: ChangeListener): () => void {
  let set = listeners.get(db);
  if (!set) listeners.set(db, (set = new Set()));
  set.add(listener);
  return () => void set.delete(listener);
}

/** Tells every listener of a change (changes.ts calls this after moving the versions). */
export function notifyChange(db: Db, change: ChangeEvent): void {
  for (const listener of [...(listeners.get(db) ?? [])]) {
    try {
      listener(change);
    } catch (error) {
      console.error("[tenure] a change listener threw", error);
    }
  }
}
