import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { findAccount } from "../accounts/find-account.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { changeCount, tenantVersion } from "../tenants/tenant-version.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { usageVersion } from "../usage/usage-cache.ts";
import { versionedCache } from "../../lib/versioned-cache.ts";
import { addDays, localDateAt, startOfLocalDay } from "../../../shared/time/local-day.ts";
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

/** Reads under way, so a burst of misses for one account reads the database once. */
const readsUnderWay = perDb((): Map<string, { changes: number; value: Promise<CachedAccount> }> => new Map());

const kept = versionedCache<CachedAccount>({ max: MAX_ENTRIES, currentVersion: (db, value) => tenantVersion(db, value.account.tenantId) });

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
  const key = `${tenantId}\n${externalId}`;
  const hit = kept.get(db, key, now);
  if (hit) return hit.value;
  const changes = changeCount(db);
  const reads = readsUnderWay(db);
  const underWay = reads.get(key);
  if (underWay && underWay.changes === changes) return underWay.value;
  const value = readFresh(db, tenantId, externalId);
  reads.set(key, { changes, value });
  try {
    const read = await value;
    if (changeCount(db) === changes) kept.set(db, key, { value: read, version: tenantVersion(db, tenantId), until: now + ACCOUNT_CACHE_TTL_MS });
    return read;
  } finally {
    if (reads.get(key)?.value === value) reads.delete(key);
  }
}

/**
 * The account and its entitlement at `at`, computed from `readAccount`, with metered use
 * from usage-cache.ts. An answer for the present (`at` = `now`) is kept with its source and
 * served again until the first instant that could change it (see `keptAnswerUntil`), while
 * the source, the tenant's settings and the account's usage version are the ones it was
 * computed from, and never longer than its metered totals may be kept.
 */
export async function readEntitlement(
  db: Db,
  input: { tenantId: string; externalId: string; settings: TenantSettings; now: number; at?: number },
): Promise<{ account: AccountRow; entitlement: AccountEntitlement }> {
  const { now, settings } = input;
  const { account, source } = await readAccount(db, input.tenantId, input.externalId, now);
  const at = input.at ?? now;
  if (at !== now) return { account, entitlement: await withMeteredUse(db, account, entitlementFrom(account, source, settings, at), now) };
  const usage = usageVersion(db, account.id);
  const kept = keptAnswers.get(source);
  if (kept && kept.settings === settings && kept.usage === usage && kept.from <= now && now < kept.until) return kept.value;
  const entitlement = await withMeteredUse(db, account, entitlementFrom(account, source, settings, now), now);
  const value = { account, entitlement };
  keptAnswers.set(source, { settings, usage, from: now, until: keptAnswerUntil(account, source, entitlement, now), value });
  return value;
}

interface KeptAnswer {
  settings: TenantSettings;
  usage: number;
  from: number;
  until: number;
  value: { account: AccountRow; entitlement: AccountEntitlement };
}

/** Each source's latest answer for the present; it goes with its source. */
const keptAnswers = new WeakMap<EntitlementSource, KeptAnswer>();

/**
 * The first instant after `now` at which the same source could answer differently: every
 * instant the answer is computed against (the state's boundaries, each ledger row's times,
 * each metering period's reset, the account's next local midnight, which ends the last
 * rollup day counted), capped by how long its metered totals may be kept.
 */
function keptAnswerUntil(account: AccountRow, source: EntitlementSource, entitlement: AccountEntitlement, now: number): number {
  let until = entitlement.features.usageKeptUntil ?? now + ACCOUNT_CACHE_TTL_MS;
  const consider = (instant: number | null | undefined): void => {
    if (instant != null && instant > now && instant < until) until = instant;
  };
  for (const instant of [entitlement.expiringFrom, entitlement.accessEndsAt, entitlement.graceEndsAt, entitlement.contractEndsAt, entitlement.nextChangeAt])
    consider(instant);
  for (const row of source.ledger) {
    consider(row.createdAt);
    consider(row.expiresAt);
    consider(row.voidedAt);
    consider(row.holdUntil);
  }
  for (const period of entitlement.features.periods.values()) consider(period.resetsAt);
  if (entitlement.features.periods.size > 0) consider(startOfLocalDay(addDays(localDateAt(now, account.timezone), 1), account.timezone));
  return until;
}
