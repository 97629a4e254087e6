import { desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { grants, renewalDeclines, renewals } from "../../db/schema/index.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { declineView } from "./decline.ts";
import { renewalView } from "./view.ts";

/** The account's renewals, newest first, and its "don't renew" answers (recovery cases). */
export async function listRenewals(db: Db, account: AccountRow): Promise<{ data: unknown[]; declines: unknown[] }> {
  const rows = await db.query.renewals.findMany({ where: eq(renewals.accountId, account.id), orderBy: desc(renewals.startedAt), limit: 100 });
  const holdIds = rows.flatMap((row) => (row.holdGrantId ? [row.holdGrantId] : []));
  const holds = holdIds.length ? await db.query.grants.findMany({ where: inArray(grants.id, holdIds) }) : [];
  const declines = await db.query.renewalDeclines.findMany({
    where: eq(renewalDeclines.accountId, account.id),
    orderBy: desc(renewalDeclines.createdAt),
  });
  return {
    data: rows.map((row) => renewalView(row, { accountId: account.externalId, hold: holds.find((hold) => hold.id === row.holdGrantId) ?? null })),
    declines: declines.map(declineView),
  };
}
