import { describe, expect, it } from "vitest";
import { amountProblem, nextTermProblem, termMoneyProblem } from "./term-limits.ts";

describe("term limits", () => {
  it("refuses an amount whose uplifted or annualised figure is not a safe integer", () => {
    expect(termMoneyProblem({ amountValue: 9_007_199_254_740_991, upliftPercent: 1000 })).toMatch(/too large/);
    expect(termMoneyProblem({ amountValue: Math.floor(Number.MAX_SAFE_INTEGER / 400), upliftPercent: 1000 })).toMatch(/next term/);
    expect(termMoneyProblem({ amountValue: 1_200_000, upliftPercent: 5 })).toBeNull();
    expect(termMoneyProblem({ amountValue: null, upliftPercent: 1000 })).toBeNull();
    expect(amountProblem(1.5, "x")).toMatch(/whole number/);
  });

  it("refuses to renew a term whose next one would end after 9999-12-31", () => {
    expect(nextTermProblem({ startDate: "9999-01-01", endDate: "9999-12-31" })).toMatch(/9999-12-31/);
    expect(nextTermProblem({ startDate: "2026-01-01", endDate: "2026-12-31" })).toBeNull();
  });
});
