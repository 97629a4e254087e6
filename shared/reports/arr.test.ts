import { describe, expect, it } from "vitest";
import { contractEndsAt } from "../entitlement/compute.ts";
import { annualisedAmount, monthsBetween, renewalMonth, termLength } from "./arr.ts";

describe("renewal month", () => {
  it("counts a term ending 2027-01-31 in Asia/Shanghai in 2027-01, although it ends at 2027-01-31T16:00Z", () => {
    const end = contractEndsAt("2027-01-31", "Asia/Shanghai");
    expect(new Date(end).toISOString()).toBe("2027-01-31T16:00:00.000Z");
    expect(renewalMonth({ contractEndsAt: end, timezone: "Asia/Shanghai" })).toBe("2027-01");
  });

  it("counts a term ending 2026-12-31 in America/Los_Angeles in 2026-12, although its end instant is in January UTC", () => {
    const end = contractEndsAt("2026-12-31", "America/Los_Angeles");
    expect(new Date(end).toISOString()).toBe("2027-01-01T08:00:00.000Z");
    expect(renewalMonth({ contractEndsAt: end, timezone: "America/Los_Angeles" })).toBe("2026-12");
  });
});

describe("annualised ARR", () => {
  it("takes a 12-month term's amount as it is", () => {
    expect(termLength("2026-01-01", "2026-12-31")).toEqual({ months: 12 });
    expect(annualisedAmount({ startDate: "2026-01-01", endDate: "2026-12-31", amountValue: 1_200_000, amountCurrency: "CNY" })).toEqual({
      currency: "CNY",
      value: 1_200_000,
    });
  });

  it("multiplies a quarter by four and a month-end month by twelve", () => {
    expect(annualisedAmount({ startDate: "2026-02-01", endDate: "2026-04-30", amountValue: 30_000, amountCurrency: "USD" })).toEqual({
      currency: "USD",
      value: 120_000,
    });
    expect(termLength("2027-01-31", "2027-02-27")).toEqual({ months: 1 });
  });

  it("annualises odd lengths by days: 73 days of 10,000 are 50,000 a year", () => {
    expect(termLength("2026-01-01", "2026-03-14")).toEqual({ days: 73 });
    expect(annualisedAmount({ startDate: "2026-01-01", endDate: "2026-03-14", amountValue: 10_000, amountCurrency: "EUR" })).toEqual({
      currency: "EUR",
      value: 50_000,
    });
  });

  it("has no ARR without an amount", () => {
    expect(annualisedAmount({ startDate: "2026-01-01", endDate: "2026-12-31", amountValue: null, amountCurrency: null })).toBeNull();
  });

  it("lists the months of a range, both ends included", () => {
    expect(monthsBetween("2026-11", "2027-02")).toEqual(["2026-11", "2026-12", "2027-01", "2027-02"]);
  });
});
