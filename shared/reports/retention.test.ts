import { describe, expect, it } from "vitest";
import { contractEndsAt } from "../entitlement/compute.ts";
import type { ReportTerm } from "./arr.ts";
import { renewalsByMonth } from "./renewals.ts";
import { computeRetention } from "./retention.ts";

function term(accountId: string, seq: number, startDate: string, endDate: string, value: number | null, currency = "USD", timezone = "UTC"): ReportTerm {
  return {
    accountId,
    seq,
    startDate,
    endDate,
    timezone,
    contractEndsAt: contractEndsAt(endDate, timezone),
    amountValue: value,
    amountCurrency: value == null ? null : currency,
  };
}

// Hand-computed: a (renewed flat), b (renewed with 10 % uplift), c (churned), d (open), e (CNY, renewed down).
const terms = [
  term("a", 1, "2026-01-01", "2026-12-31", 100_000),
  term("a", 2, "2027-01-01", "2027-12-31", 100_000),
  term("b", 1, "2026-01-01", "2026-12-31", 200_000),
  term("b", 2, "2027-01-01", "2027-12-31", 220_000),
  term("c", 1, "2026-01-01", "2026-12-31", 100_000),
  term("d", 1, "2026-02-01", "2027-01-31", 50_000),
  term("e", 1, "2026-01-01", "2026-12-31", 1_000_000, "CNY", "Asia/Shanghai"),
  term("e", 2, "2027-01-01", "2027-12-31", 800_000, "CNY", "Asia/Shanghai"),
];
const now = Date.parse("2027-01-15T00:00:00Z");

describe("retention", () => {
  it("computes GRR, NRR, renewal rates and logo churn from hand-counted terms", () => {
    const r = computeRetention(terms, "2026-12-01", "2027-01-31", now);
    expect(r).toMatchObject({ terms: 5, renewed: 3, churned: 1, open: 1, renewalRateByCount: 0.6, logoChurn: 0.2 });
    // USD: starting 100k + 200k + 100k + 50k = 450k; retained 100k + 200k = 300k; renewed 100k + 220k = 320k.
    expect(r.byCurrency.USD).toEqual({ startingArr: 450_000, retainedArr: 300_000, renewedArr: 320_000, grr: 0.6667, nrr: 0.7111, renewalRateByArr: 0.6667 });
    // CNY: one term, renewed at 800k of 1,000k.
    expect(r.byCurrency.CNY).toEqual({ startingArr: 1_000_000, retainedArr: 800_000, renewedArr: 800_000, grr: 0.8, nrr: 0.8, renewalRateByArr: 1 });
    expect(r.accounts.map((a) => `${a.accountId}:${a.outcome}`)).toEqual(["a:renewed", "b:renewed", "c:churned", "e:renewed", "d:open"]);
  });

  it("leaves terms outside the window out", () => {
    expect(computeRetention(terms, "2027-02-01", "2027-06-30", now).terms).toBe(0);
  });
});

describe("renewals by month", () => {
  it("buckets contracts and ARR per currency by the month of their local last day", () => {
    const months = renewalsByMonth(terms, "2026-12", "2027-02");
    expect(months).toEqual([
      { month: "2026-12", contracts: 4, arr: { USD: 400_000, CNY: 1_000_000 } },
      { month: "2027-01", contracts: 1, arr: { USD: 50_000 } },
      { month: "2027-02", contracts: 0, arr: {} },
    ]);
  });
});
