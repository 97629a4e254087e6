import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const ACCOUNT = { name: "Acme", timezone: "Asia/Shanghai" };
const CONTRACT = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", amount: { value: 1_200_000, currency: "CNY" } };

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT);
});
afterEach(async () => ctx.close());

async function renewalStatus(key: string, account: string): Promise<string> {
  const res = await ctx.call("GET", `/v1/accounts/${account}/renewals`, { key });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { data: Array<{ status: string }> }).data[0]!.status;
}

describe("money and dates that cannot overflow", () => {
  it("refuses a contract whose next term's amount (uplift applied) is not a safe integer, changing nothing", async () => {
    const before = await dbFingerprint(ctx);
    const res = await ctx.call("PUT", "/v1/accounts/acme/contract", {
      body: { ...CONTRACT, amount: { value: 9_007_199_254_740_991, currency: "USD" }, upliftPercent: 1000 },
    });
    const text = await res.text();
    expect(res.status, text).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "validation_failed" } });
    expect(await dbFingerprint(ctx)).toBe(before);
    // The account keeps working: renewals start, bootstrap-style reads answer.
    const started = await ctx.call("POST", "/v1/accounts/acme/renewals");
    expect(started.status, await started.text()).toBe(201);
    const entitlement = await ctx.call("GET", "/v1/accounts/acme/entitlement");
    expect(entitlement.status).toBe(200);
  });

  it("refuses to start a renewal whose next term would end after 9999-12-31, writing nothing", async () => {
    await seedAccount(ctx, "forever", ACCOUNT, { seats: 1, startDate: "9999-01-01", endDate: "9999-12-31" });
    const before = await dbFingerprint(ctx);
    const res = await ctx.call("POST", "/v1/accounts/forever/renewals");
    const text = await res.text();
    expect(res.status, text).toBe(409);
    expect(text).toContain("9999-12-31");
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("refuses a renewal amount given by the vendor that is not a safe integer when annualised", async () => {
    const res = await ctx.call("POST", "/v1/accounts/acme/renewals", { body: { amount: { value: 9_007_199_254_740_991, currency: "CNY" } } });
    expect(res.status, await res.text()).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
  });
});

describe("jobs that cannot be poisoned", () => {
  it("expires another tenant's renewal on time while one row cannot even be read", async () => {
    const other = await ctx.createTenant("Other Vendor");
    await seedAccount(ctx, "beta", ACCOUNT, CONTRACT, other.secretKey);
    // Both vendors renew by invoice (a renewal needs a configured way to pay).
    const invoicing = { renewalProvider: "invoice", invoicePaymentInstructions: "IBAN DE00 0000 0000 0000" };
    expect((await ctx.call("PATCH", "/v1/settings", { body: invoicing })).status).toBe(200);
    expect((await ctx.call("PATCH", "/v1/settings", { body: invoicing, key: other.secretKey })).status).toBe(200);
    const poisoned = await ctx.call("POST", "/v1/accounts/acme/renewals");
    const poisonedId = ((await poisoned.json()) as { id: string }).id;
    const healthy = await ctx.call("POST", "/v1/accounts/beta/renewals", { key: other.secretKey });
    expect(healthy.status).toBe(201);
    // A row written before the limits existed: an integer libSQL cannot hand back as a number.
    await ctx.client.execute({ sql: "UPDATE renewals SET amount_value = 9223372036854775000 WHERE id = ?", args: [poisonedId] });

    ctx.clock.now += 15 * 86_400_000; // past both invoices' due dates
    const done = await tick(ctx.db, ctx.clock.now);
    expect(done["expire-renewals"]).toBe(1);
    expect(await renewalStatus(other.secretKey, "beta")).toBe("expired");
    const poisonedRow = await ctx.client.execute({ sql: "SELECT status FROM renewals WHERE id = ?", args: [poisonedId] });
    expect(poisonedRow.rows[0]!.status).toBe("pending"); // skipped, retried later with backoff
    // The next tick does not fail on it either.
    const again = await tick(ctx.db, ctx.clock.now + 1_000);
    expect(again["expire-renewals"]).toBe(0);
  });
});

describe("settings changes", () => {
  it("keeps every one of several concurrent changes to different settings", async () => {
    const patches = [
      { productName: "Planboard" },
      { accentColor: "#123456" },
      { supportEmail: "help@acme.example" },
      { reminderWindowDays: 45 },
      { defaultGraceHours: 24 },
      { invoiceDueDays: 30 },
    ];
    const answers = await Promise.all(patches.map((body) => ctx.call("PATCH", "/v1/settings", { body })));
    for (const res of answers) expect(res.status, await res.text()).toBe(200);
    const settings = (await (await ctx.call("GET", "/v1/settings")).json()) as Record<string, unknown>;
    expect(settings).toMatchObject(Object.assign({}, ...patches));
  });

  it("refuses inherited names as unknown settings", async () => {
    for (const name of ["toString", "__proto__", "constructor"]) {
      const res = await ctx.call("PATCH", "/v1/settings", { raw: `{"${name}": 1}` });
      expect(res.status, await res.text()).toBe(400);
    }
  });
});
