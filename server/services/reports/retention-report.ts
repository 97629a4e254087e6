import type { Db } from "../../db/client.ts";
import { RETENTION_DEFINITIONS, computeRetention } from "../../../shared/reports/retention.ts";
import type { Retention } from "../../../shared/reports/retention.ts";
import { termsEndingBetween, termsOfAccounts } from "./load-terms.ts";

export interface RetentionReport extends Omit<Retention, "accounts"> {
  definitions: typeof RETENTION_DEFINITIONS;
  accounts: Array<Retention["accounts"][number] & { name: string }>;
}

/** GRR, NRR, renewal rates and logo churn for the terms whose last day is in `[from, to]`, judged at `now`. */
export async function retentionReport(db: Db, input: { tenantId: string; from: string; to: string; now: number }): Promise<RetentionReport> {
  const ending = await termsEndingBetween(db, input.tenantId, input.from, input.to);
  const all = await termsOfAccounts(db, [...new Set(ending.map((t) => t.accountId))]);
  const retention = computeRetention(all, input.from, input.to, input.now);
  const byId = new Map(all.map((t) => [t.accountId, t]));
  return {
    ...retention,
    definitions: RETENTION_DEFINITIONS,
    // The vendor's own account ids, never ours.
    accounts: retention.accounts
      .map((a) => ({ ...a, accountId: byId.get(a.accountId)!.externalId, name: byId.get(a.accountId)!.name }))
      .sort((a, b) => (a.endDate === b.endDate ? (a.accountId < b.accountId ? -1 : 1) : a.endDate < b.endDate ? -1 : 1)),
  };
}
