import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";

export type AccountRow = typeof accounts.$inferSelect;

/** The tenant's account by the vendor's id. Another tenant's account is simply not found. */
export async function findAccount(db: Db, tenantId: string, externalId: string): Promise<AccountRow> {
  const account = await db.query.accounts.findFirst({
    where: and(eq(accounts.tenantId, tenantId), eq(accounts.externalId, externalId)),
  });
  if (!account) throw new TenureError("not_found", `no account ${externalId}`);
  return account;
}
