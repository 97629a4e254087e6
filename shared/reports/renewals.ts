import { annualisedAmount, monthsBetween, renewalMonth } from "./arr.ts";
import type { ReportTerm } from "./arr.ts";

export interface RenewalMonth {
  month: string;
  contracts: number;
  /** ARR per currency, minor units. */
  arr: Record<string, number>;
}

/**
 * Contract ends by renewal month: how many terms end in each month of `[from, to]` and their
 * ARR per currency. Each term counts in the month of its local last day (see `renewalMonth`).
 */
export function renewalsByMonth(terms: readonly ReportTerm[], from: string, to: string): RenewalMonth[] {
  const months = new Map<string, RenewalMonth>(monthsBetween(from, to).map((month) => [month, { month, contracts: 0, arr: {} }]));
  for (const term of terms) {
    const bucket = months.get(renewalMonth(term));
    if (!bucket) continue;
    bucket.contracts += 1;
    const arr = annualisedAmount(term);
    if (arr) bucket.arr[arr.currency] = (bucket.arr[arr.currency] ?? 0) + arr.value;
  }
  return [...months.values()];
}
