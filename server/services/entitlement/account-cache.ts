import type { Db } from "../../db/client.ts";
import { findAccount } from "../accounts/find-account.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { changeCount, tenantVersion } from "../tenants/tenant-version.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { entitlementFrom, readEntitlementSource, withMeteredUse } from "./get-entitlement.ts";
import type { AccountEntitlement, EntitlementSource } from "./get-entitlement.ts";

/**
 * Each account's row, term, ledger and seat count, kept in this process so the hot reads
 * (entitlement, check, the widget's bootstrap) do no database work. What is kept is what was
 * read, never a computed answer: the state at `now` is computed on every read.
 *
 * - An entry remembers the version it was read at (tenant-version.ts) and is dropped when it
 *   moves. Every write through this process moves it before it is acknowledged, so a read
 *   never serves state from before a write acknowledged here. A read during which any write
 *   landed is answered but not kept.
 * - Writes by other processes (the CLI, other instances) reach this one within
 *   `ACCOUNT_CACHE_TTL_MS`, the same bound as the widget's snapshots.
 */
export const ACCOUNT_CACHE_TTL_MS = 1_000;
const MAX_ENTRIES = 100_000;

export interface CachedAccount {
  account: AccountRow;
  source: EntitlementSource;
}

interface Entry {
  value: CachedAccount;
  version: string;
  expiresAt: number;
}

interface Store {
  entries: Map<string, Entry>;
  /** Reads under way, so a burst of misses for one account reads the database once. */
  pending: Map<string, { changes: number; value: Promise<CachedAccount> }>;
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

function versionOf(db: Db, account: AccountRow): string {
  return tenantVersion(db, account.tenantId);
}

async function readFresh(db: Db, tenantId: string, externalId: string): Promise<CachedAccount> {
  const account = await findAccount(db, tenantId, externalId);
  return { account, source: await readEntitlementSource(db, account.id) };
}

/**
 * The tenant's account by the vendor's id with what its entitlement is computed from, from
 * memory when nothing changed since it was read. 404 for an unknown account (not kept).
 * @example const { account, source } = await readAccount(db, tenant.id, "acme-cn", Date.now());
 */
export async function readAccount(db: Db, tenantId: string, externalId: string, now: number): Promise<CachedAccount> {
  const store = storeFor(db);
  const key = `${tenantId}\n${externalId}`;
  const hit = store.entries.get(key);
  if (hit && hit.expiresAt > now && hit.version === versionOf(db, hit.value.account)) return hit.value;
  const changes = changeCount(db);
  const pending = store.pending.get(key);
  if (pending && pending.changes === changes) return pending.value;
  const value = readFresh(db, tenantId, externalId);
  store.pending.set(key, { changes, value });
  try {
    const read = await value;
    if (changeCount(db) === changes) {
      store.entries.delete(key);
      // The oldest entry goes first when full (a Map iterates in insertion order).
      if (store.entries.size >= MAX_ENTRIES) store.entries.delete(store.entries.keys().next().value!);
      store.entries.set(key, { value: read, version: versionOf(db, read.account), expiresAt: now + ACCOUNT_CACHE_TTL_MS });
    }
    return read;
  } finally {
    if (store.pending.get(key)?.value === value) store.pending.delete(key);
  }
}

/** The account and its entitlement at `at`, computed from `readAccount`, with metered use read fresh. */
export async function readEntitlement(
  db: Db,
  input: { tenantId: string; externalId: string; settings: TenantSettings; now: number; at?: number },
): Promise<{ account: AccountRow; entitlement: AccountEntitlement }> {
  const { account, source } = await readAccount(db, input.tenantId, input.externalId, input.now);
  return { account, entitlement: await withMeteredUse(db, account, entitlementFrom(account, source, input.settings, input.at ?? input.now), input.now) };
}
