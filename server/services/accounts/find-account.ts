import { and, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { accounts } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";

export type AccountRow = typeof accounts.$inferSelect;

const reads = perDb((db) => ({
  byExternalId: db
    .select()
    .from(accounts)
    .where(and(eq(accounts.tenantId, sql.placeholder("tenantId")), eq(accounts.externalId, sql.placeholder("externalId"))))
    .limit(1)
    .prepare(),
}));

/** The tenant's account by the vendor's id. Another tenant's account is simply not found. */
export async function findAccount(db: Db, tenantId: string, externalId: string): Promise<AccountRow> {
  const account = await reads(db).byExternalId.get({ tenantId, externalId });
  if (!account) throw new TenureError("not_found", `no account ${externalId}`);
  return account;
}
