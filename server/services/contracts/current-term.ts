import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contractTerms } from "../../db/schema/index.ts";

export type TermRow = typeof contractTerms.$inferSelect;

/** The account's current term — the latest one — or undefined before any contract. */
export async function currentTerm(db: Db, accountId: string): Promise<TermRow | undefined> {
  return db.query.contractTerms.findFirst({
    where: eq(contractTerms.accountId, accountId),
    orderBy: desc(contractTerms.seq),
  });
}
