import { asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import type { GrantRow } from "./create-grant.ts";

/** The account's whole ledger, oldest first. */
export async function listGrants(db: Db, accountId: string): Promise<GrantRow[]> {
  return db.query.grants.findMany({ where: eq(grants.accountId, accountId), orderBy: [asc(grants.createdAt), asc(grants.id)] });
}
