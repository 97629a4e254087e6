import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { versionedCache } from "../../lib/versioned-cache.ts";
import { accounts } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { accountVersion, changeCount } from "../tenants/tenant-version.ts";

/**
 * The tenant's accounts named in a batch. An unknown account rejects the whole batch (and
 * writes nothing), listing every event that named one: the vendor creates the account and
 * resends the same batch, which ingestion's idempotency makes safe.
 */
export async function resolveBatchAccounts(db: Db, tenantId: string, accountIds: readonly string[], now = Date.now()): Promise<Map<string, AccountRow>> {
  const found = new Map<string, AccountRow>();
  const missing: string[] = [];
  for (const id of new Set(accountIds)) {
    const row = keptAccount(db, tenantId, id, now);
    if (row) found.set(id, row);
    else missing.push(id);
  }
  if (missing.length > 0) {
    const changes = changeCount(db);
    const rows = await db
      .select()
      .from(accounts)
      .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.externalId, missing)));
    for (const row of rows) found.set(row.externalId, row);
    // A read during which something changed is used but not kept.
    if (changeCount(db) === changes) for (const row of rows) keepAccount(db, row, now);
  }
  const unknown = accountIds.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: `events.${index}.accountId`, message: `no account ${id}; create it with PUT /v1/accounts/${id}` }],
  );
  if (unknown.length > 0) {
    const names = [...new Set(accountIds.filter((id) => !found.has(id)))];
    throw new TenureError("validation_failed", `unknown account(s): ${names.slice(0, 10).join(", ")}; nothing was stored`, unknown);
  }
  return found;
}

/**
 * Account rows as ingestion last read them, so a batch naming accounts it has seen does no
 * lookup. A row is served while its account's version (tenant-version.ts: moved at once by a
 * write here, within the change watcher's second by one elsewhere) is the one it was read
 * at, and for at most `KEPT_ACCOUNT_MS`. Unknown accounts are never kept.
 */
const KEPT_ACCOUNT_MS = 1_000;
const MAX_KEPT = 100_000;
const kept = versionedCache<AccountRow>({ max: MAX_KEPT, currentVersion: (db, row) => accountVersion(db, row.tenantId, row.id) });

function keptAccount(db: Db, tenantId: string, externalId: string, now: number): AccountRow | null {
  return kept.get(db, `${tenantId}\n${externalId}`, now)?.value ?? null;
}

function keepAccount(db: Db, row: AccountRow, now: number): void {
  kept.set(db, `${row.tenantId}\n${row.externalId}`, { value: row, version: accountVersion(db, row.tenantId, row.id), until: now + KEPT_ACCOUNT_MS });
}
