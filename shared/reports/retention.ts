import { annualisedAmount, renewalMonth } from "./arr.ts";
import type { ReportTerm } from "./arr.ts";

export type Outcome = "renewed" | "churned" | "open";

export interface RetentionAccount {
  accountId: string;
  endDate: string;
  month: string;
  outcome: Outcome;
  currency: string | null;
  /** ARR of the term that ended, minor units (null without an amount). */
  arr: number | null;
  /** ARR of the term that followed it, when renewed. */
  nextArr: number | null;
}

export interface CurrencyRetention {
  startingArr: number;
  retainedArr: number;
  renewedArr: number;
  grr: number | null;
  nrr: number | null;
  renewalRateByArr: number | null;
}

export interface Retention {
  from: string;
  to: string;
  terms: number;
  renewed: number;
  churned: number;
  open: number;
  renewalRateByCount: number | null;
  logoChurn: number | null;
  byCurrency: Record<string, CurrencyRetention>;
  accounts: RetentionAccount[];
}

/** What each figure means; shown beside it in the console and served with the report. */
export const RETENTION_DEFINITIONS = {
  cohort:
    "Terms whose local last day (in the account's zone) falls in [from, to]. Time grants never move a term in or out: they move access, not the contract end.",
  renewed: "The account has a next term that starts where this one ended.",
  churned: "The term has ended (its contractEndsAt is past) and no next term exists.",
  open: "The term has not ended yet and has not been renewed: neither renewed nor churned.",
  grr: "Gross revenue retention, per currency: Σ min(next ARR, ARR) over renewed terms ÷ Σ ARR over all terms in the cohort. Expansion does not count; never above 1.",
  nrr: "Net revenue retention, per currency: Σ next ARR over renewed terms ÷ Σ ARR over all terms in the cohort. Expansion and uplift count.",
  renewalRateByCount: "Renewed terms ÷ all terms in the cohort.",
  renewalRateByArr: "Σ ARR of renewed terms ÷ Σ ARR of all terms in the cohort, per currency.",
  logoChurn: "Churned terms ÷ all terms in the cohort (one term per account per cohort).",
  arr: "A term's amount annualised by its calendar length: × 12 ÷ months for whole months, else × 365 ÷ days; minor units.",
} as const;

function ratio(part: number, whole: number): number | null {
  return whole === 0 ? null : Math.round((part / whole) * 10_000) / 10_000;
}

/**
 * Retention of the terms ending in `[from, to]` (calendar dates, local to each account),
 * judged at `now`. `allTerms` holds every term of the tenant, so a term's successor (same
 * account, next `seq`) can be found.
 */
export function computeRetention(allTerms: readonly ReportTerm[], from: string, to: string, now: number): Retention {
  const byAccount = new Map<string, Map<number, ReportTerm>>();
  for (const term of allTerms) {
    let seqs = byAccount.get(term.accountId);
    if (!seqs) byAccount.set(term.accountId, (seqs = new Map()));
    seqs.set(term.seq, term);
  }
  const accounts: RetentionAccount[] = [];
  const byCurrency: Record<string, CurrencyRetention> = {};
  for (const term of allTerms) {
    if (term.endDate < from || term.endDate > to) continue;
    const next = byAccount.get(term.accountId)?.get(term.seq + 1);
    const outcome: Outcome = next ? "renewed" : term.contractEndsAt <= now ? "churned" : "open";
    const arr = annualisedAmount(term);
    const nextArr = next ? annualisedAmount(next) : null;
    accounts.push({
      accountId: term.accountId,
      endDate: term.endDate,
      month: renewalMonth(term),
      outcome,
      currency: arr?.currency ?? null,
      arr: arr?.value ?? null,
      nextArr: nextArr && arr && nextArr.currency === arr.currency ? nextArr.value : null,
    });
    if (!arr) continue;
    const bucket = (byCurrency[arr.currency] ??= { startingArr: 0, retainedArr: 0, renewedArr: 0, grr: null, nrr: null, renewalRateByArr: null });
    bucket.startingArr += arr.value;
    if (outcome === "renewed") {
      const following = nextArr && nextArr.currency === arr.currency ? nextArr.value : 0;
      bucket.retainedArr += Math.min(following, arr.value);
      bucket.renewedArr += following;
    }
  }
  const renewedArrOf = (currency: string): number =>
    accounts.filter((a) => a.outcome === "renewed" && a.currency === currency).reduce((sum, a) => sum + (a.arr ?? 0), 0);
  for (const [currency, bucket] of Object.entries(byCurrency)) {
    bucket.grr = ratio(bucket.retainedArr, bucket.startingArr);
    bucket.nrr = ratio(bucket.renewedArr, bucket.startingArr);
    bucket.renewalRateByArr = ratio(renewedArrOf(currency), bucket.startingArr);
  }
  const count = (outcome: Outcome): number => accounts.filter((a) => a.outcome === outcome).length;
  accounts.sort((a, b) => (a.endDate < b.endDate ? -1 : a.endDate > b.endDate ? 1 : a.accountId < b.accountId ? -1 : 1));
  return {
    from,
    to,
    terms: accounts.length,
    renewed: count("renewed"),
    churned: count("churned"),
    open: count("open"),
    renewalRateByCount: ratio(count("renewed"), accounts.length),
    logoChurn: ratio(count("churned"), accounts.length),
    byCurrency,
    accounts,
  };
}
