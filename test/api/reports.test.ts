import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

// Hand-computed fixtures, judged at 2026-11-21T08:00Z:
// - sh-jan  Asia/Shanghai     2026-02-01..2027-01-31  CNY 1,200,000 (12 months → ARR 1,200,000), month 2027-01
// - ny-q    America/New_York  2026-11-01..2027-01-31  USD    30,000 (3 months → ARR 120,000),    month 2027-01
// - la-dec  America/Los_Angeles 2026-07-01..2026-12-31 EUR   50,000 (6 months → ARR 100,000),    month 2026-12
//           (its contractEndsAt, 2027-01-01T08:00Z, is in January UTC: the local last day decides)
// - no-amt  UTC               2026-01-01..2026-12-31  no amount: counts as a contract, adds no ARR
let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAccount(
    ctx,
    "sh-jan",
    { name: "Shanghai Jan", timezone: "Asia/Shanghai" },
    { seats: 50, startDate: "2026-02-01", endDate: "2027-01-31", amount: { value: 1_200_000, currency: "CNY" } },
  );
  await seedAccount(
    ctx,
    "ny-q",
    { name: "NY Quarter", timezone: "America/New_York" },
    { seats: 5, startDate: "2026-11-01", endDate: "2027-01-31", amount: { value: 30_000, currency: "USD" } },
  );
  await seedAccount(
    ctx,
    "la-dec",
    { name: "LA December", timezone: "America/Los_Angeles" },
    { seats: 5, startDate: "2026-07-01", endDate: "2026-12-31", amount: { value: 50_000, currency: "EUR" } },
  );
  await seedAccount(ctx, "no-amt", { name: "No amount", timezone: "UTC" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterAll(() => ctx.close());

async function json(res: Response): Promise<any> {
  const text = await res.text();
  expect(res.status, text).toBeLessThan(300);
  return JSON.parse(text);
}

const EXPECTED = {
  months: [
    { month: "2026-12", contracts: 2, arr: { EUR: 100_000 } },
    { month: "2027-01", contracts: 2, arr: { CNY: 1_200_000, USD: 120_000 } },
    { month: "2027-02", contracts: 0, arr: {} },
  ],
};

describe("GET /v1/reports/renewals", () => {
  it("buckets contracts and ARR by the month of each term's local last day", async () => {
    expect(await json(await ctx.call("GET", "/v1/reports/renewals?from=2026-12&to=2027-02"))).toEqual(EXPECTED);
  });

  it("keeps the renewal month and ARR where they were after a 60-day time grant pushes access into April", async () => {
    const grant = await ctx.call("POST", "/v1/accounts/sh-jan/grants", { body: { type: "time", days: 60, reason: "migration delay" } });
    expect(grant.status, await grant.text()).toBe(201);
    const entitlement = await json(await ctx.call("GET", "/v1/accounts/sh-jan/entitlement"));
    // 2027-01-31 + 60 calendar days in Shanghai: access ends at the start of 2027-04-02 local.
    expect(entitlement).toMatchObject({ contractEndsAt: "2027-01-31T16:00:00.000Z", accessEndsAt: "2027-04-01T16:00:00.000Z" });
    expect(await json(await ctx.call("GET", "/v1/reports/renewals?from=2026-12&to=2027-02"))).toEqual(EXPECTED);
    const april = await json(await ctx.call("GET", "/v1/reports/renewals?from=2027-03&to=2027-04"));
    expect(april.months.map((m: { contracts: number }) => m.contracts)).toEqual([0, 0]);
  });

  it("refuses a bad range with a 400 that changes nothing", async () => {
    const before = await dbFingerprint(ctx);
    for (const query of ["from=2027-02&to=2026-12", "from=2026-13&to=2027-01", "from=2026-12", "from=2000-01&to=2020-01", "from=2026-12&to=2027-01&x=1"]) {
      const res = await ctx.call("GET", `/v1/reports/renewals?${query}`);
      expect(res.status, query).toBe(400);
      expect((await res.json()).error).toMatchObject({ code: "validation_failed" });
    }
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("needs the secret key and sees only its own tenant", async () => {
    expect((await ctx.call("GET", "/v1/reports/renewals?from=2026-12&to=2027-02", { key: null })).status).toBe(401);
    expect((await ctx.call("GET", "/v1/reports/renewals?from=2026-12&to=2027-02", { key: ctx.tenant.publishableKey })).status).toBe(403);
    const other = await ctx.createTenant("Other");
    const theirs = await json(await ctx.call("GET", "/v1/reports/renewals?from=2026-12&to=2027-02", { key: other.secretKey }));
    expect(theirs.months.map((m: { contracts: number }) => m.contracts)).toEqual([0, 0, 0]);
  });
});

describe("GET /v1/reports/retention", () => {
  it("counts renewed, churned and open terms with GRR and NRR per currency and the definitions", async () => {
    // la-dec renews with a 10 % uplift; no-amt lapses (judged after 2026-12-31); ny-q and sh-jan stay open.
    const started = await json(await ctx.call("POST", "/v1/accounts/la-dec/renewals"));
    await json(await ctx.call("POST", `/v1/accounts/la-dec/renewals/${started.id}/complete`, { body: { amount: { value: 55_000, currency: "EUR" } } }));
    ctx.clock.now = Date.parse("2027-01-10T00:00:00Z");
    const report = await json(await ctx.call("GET", "/v1/reports/retention?from=2026-12-01&to=2027-01-31"));
    expect(report).toMatchObject({ terms: 4, renewed: 1, churned: 1, open: 2, renewalRateByCount: 0.25, logoChurn: 0.25 });
    // EUR: 100,000 → 110,000 (6 months of 55,000): GRR 1, NRR 1.1.
    expect(report.byCurrency.EUR).toEqual({ startingArr: 100_000, retainedArr: 100_000, renewedArr: 110_000, grr: 1, nrr: 1.1, renewalRateByArr: 1 });
    expect(report.byCurrency.CNY).toMatchObject({ startingArr: 1_200_000, grr: 0, nrr: 0 });
    expect(report.accounts.map((a: { accountId: string; outcome: string }) => `${a.accountId}:${a.outcome}`)).toEqual([
      "la-dec:renewed",
      "no-amt:churned",
      "ny-q:open",
      "sh-jan:open",
    ]);
    expect(Object.keys(report.definitions)).toEqual(expect.arrayContaining(["grr", "nrr", "renewalRateByCount", "renewalRateByArr", "logoChurn"]));
  });

  it("refuses dates that are not calendar dates", async () => {
    for (const query of ["from=2026-02-30&to=2026-03-01", "from=2026-03-01&to=2026-02-01", "from=2026-03"]) {
      expect((await ctx.call("GET", `/v1/reports/retention?${query}`)).status, query).toBe(400);
    }
  });
});

describe("GET /v1/accounts/{id}/recommendation", () => {
  beforeAll(() => {
    ctx.clock.now = Date.parse("2026-11-21T08:00:00.000Z");
  });

  async function sessions(accountId: string, users: number): Promise<void> {
    const events = Array.from({ length: users }, (_, i) => ({
      id: `${accountId}-s-${i}`,
      accountId,
      userId: `u${i}`,
      name: "session",
      timestamp: "2026-11-20T08:00:00Z",
    }));
    const res = await ctx.call("POST", "/v1/events", { body: { events } });
    expect(res.status, await res.text()).toBe(202);
  }

  it("recommends seats when 90 % of licensed seats are active", async () => {
    await seedAccount(ctx, "busy", { name: "Busy", timezone: "UTC", stage: "customer" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
    await sessions("busy", 9);
    const r = await json(await ctx.call("GET", "/v1/accounts/busy/recommendation"));
    expect(r, JSON.stringify(r)).toMatchObject({ kind: "seats", seats: 2 });
    expect(r.reason).toMatch(/9 of 10 licensed seats/);
  });

  it("recommends time for a trial that has not reached first value", async () => {
    await seedAccount(ctx, "trial", { name: "Trial", timezone: "UTC", stage: "trial" }, { seats: 20, startDate: "2026-11-01", endDate: "2026-11-30" });
    await sessions("trial", 1);
    expect(await json(await ctx.call("GET", "/v1/accounts/trial/recommendation"))).toMatchObject({ kind: "time", days: 14 });
  });

  it("recommends nothing for a customer with room to grow, and 404s another tenant's account", async () => {
    await seedAccount(ctx, "calm", { name: "Calm", timezone: "UTC", stage: "customer" }, { seats: 20, startDate: "2026-01-01", endDate: "2026-12-31" });
    await sessions("calm", 3);
    const r = await json(await ctx.call("GET", "/v1/accounts/calm/recommendation"));
    expect(r.kind).toBe("none");
    expect(r.reason.length).toBeGreaterThan(10);
    const other = await ctx.createTenant("Other 2");
    expect((await ctx.call("GET", "/v1/accounts/calm/recommendation", { key: other.secretKey })).status).toBe(404);
  });
});

describe("account owner", () => {
  it("is set by PUT, kept when a later PUT omits it, and cleared with null", async () => {
    const set = await json(await ctx.call("PUT", "/v1/accounts/owned", { body: { name: "Owned", timezone: "UTC", owner: "mei@vendor.example" } }));
    expect(set.owner).toBe("mei@vendor.example");
    expect((await json(await ctx.call("PUT", "/v1/accounts/owned", { body: { name: "Owned 2", timezone: "UTC" } }))).owner).toBe("mei@vendor.example");
    expect((await json(await ctx.call("PUT", "/v1/accounts/owned", { body: { name: "Owned 2", timezone: "UTC", owner: null } }))).owner).toBeNull();
    expect((await ctx.call("PUT", "/v1/accounts/owned", { body: { name: "Owned", timezone: "UTC", owner: "" } })).status).toBe(400);
  });
});
