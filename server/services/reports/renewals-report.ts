import type { Db } from "../../db/client.ts";
import { renewalsByMonth } from "../../../shared/reports/renewals.ts";
import type { RenewalMonth } from "../../../shared/reports/renewals.ts";
import { daysInMonth } from "../../../shared/time/local-day.ts";
import { termsEndingBetween } from "./load-terms.ts";

/** Contract ends and ARR by renewal month, `from`..`to` (`YYYY-MM`, both included). */
export async function renewalsReport(db: Db, input: { tenantId: string; from: string; to: string }): Promise<{ months: RenewalMonth[] }> {
  const lastDay = daysInMonth(Number(input.to.slice(0, 4)), Number(input.to.slice(5, 7)));
  const terms = await termsEndingBetween(db, input.tenantId, `${input.from}-01`, `${input.to}-${String(lastDay).padStart(2, "0")}`);
  return { months: renewalsByMonth(terms, input.from, input.to) };
}
