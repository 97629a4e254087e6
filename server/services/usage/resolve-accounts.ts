import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { AccountRow } from "../accounts/find-account.ts";

/**
 * The tenant's accounts named in a batch. An unknown account rejects the whole batch (and
 * writes nothing), listing every event that named one: the vendor creates the account and
 * resends the same batch, which ingestion's idempotency makes safe.
 */
export async function resolveBatchAccounts(db: Db, tenantId: string, accountIds: readonly string[]): Promise<Map<string, AccountRow>> {
  const wanted = [...new Set(accountIds)];
  const rows = await db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, tenantId), inArray(accounts.externalId, wanted)));
  const found = new Map(rows.map((row) => [row.externalId, row]));
  const unknown = accountIds.flatMap((id, index) =>
    found.has(id) ? [] : [{ path: `events.${index}.accountId`, message: `no account ${id}; create it with PUT /v1/accounts/${id}` }],
  );
  if (unknown.length > 0) {
    const names = [...new Set(accountIds.filter((id) => !found.has(id)))];
    throw new TenureError("validation_failed", `unknown account(s): ${names.slice(0, 10).join(", ")}; nothing was stored`, unknown);
  }
  return found;
}
