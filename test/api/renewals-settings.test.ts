import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  // The real defaults: no renewal provider.
  ctx = await createTestContext({ now: "2027-01-02T00:00:00.000Z", settings: { renewalProvider: null, invoicePaymentInstructions: null } });
  await seedAccount(ctx, "acme", { name: "Acme Ltd", timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(() => ctx.close());

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

const STRIPE = { renewalProvider: "stripe", stripeSecretKey: "sk_test_abcdef123456", stripeWebhookSecret: "whsec_dGVzdHNlY3JldDEyMzQ" };

describe("renewal settings", () => {
  it("reads the defaults: no provider, so nothing starts (never a silent invoice) and the widget points to support", async () => {
    const settings = await body(await ctx.call("GET", "/v1/settings"));
    expect(settings).toMatchObject({
      renewalProvider: null,
      renewalUrl: null,
      invoiceDueDays: 14,
      renewalExpiryHours: 24,
      renewalHoldHours: 24,
      invoicePaymentInstructions: null,
      stripeSecretKey: null,
    });
    const refused = await ctx.call("POST", "/v1/accounts/acme/renewals");
    expect(refused.status).toBe(409);
    expect((await body(refused)).error.message).toBe("renewals are not set up: set renewalUrl or renewalProvider in the settings");
    expect((await body(await ctx.call("GET", "/v1/accounts/acme/renewals"))).data).toEqual([]);
  });

  it("refuses the invoice provider without payment instructions, and an invoice for a contract without an amount", async () => {
    const bare = await ctx.call("PATCH", "/v1/settings", { body: { renewalProvider: "invoice" } });
    expect(bare.status).toBe(400);
    expect((await body(bare)).error.message).toContain("invoicePaymentInstructions");
    const ok = await ctx.call("PATCH", "/v1/settings", {
      body: { renewalProvider: "invoice", invoicePaymentInstructions: "Acme Ltd, IBAN GB29 NWBK 6016 1331 9268 19" },
    });
    expect(ok.status, await ok.clone().text()).toBe(200);
    // The seeded contract has no amount: an invoice for nothing is refused.
    const noAmount = await ctx.call("POST", "/v1/accounts/acme/renewals");
    expect(noAmount.status).toBe(409);
    expect((await body(noAmount)).error.message).toContain("no amount to invoice");
    await ctx.call("PUT", "/v1/accounts/acme/contract", {
      body: { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", amount: { value: 120_000, currency: "EUR" } },
    });
    const started = await ctx.call("POST", "/v1/accounts/acme/renewals");
    expect(started.status, await started.clone().text()).toBe(201);
    expect((await body(started)).provider).toBe("invoice");
  });

  it("holds access for as long as renewalHoldHours says", async () => {
    await ctx.call("PATCH", "/v1/settings", { body: { renewalUrl: "https://billing.example.com/renew", renewalHoldHours: 48 } });
    const started = await body(await ctx.call("POST", "/v1/accounts/acme/renewals"));
    expect(Date.parse(started.holdUntil) - ctx.clock.now).toBe(48 * 3_600_000);
  });

  it("refuses a renewalUrl that is not http(s), changing nothing", async () => {
    for (const renewalUrl of ["javascript:alert(1)", "data:text/html,<b>renew</b>", "ftp://billing.example.com/"]) {
      const res = await ctx.call("PATCH", "/v1/settings", { body: { renewalUrl } });
      expect(res.status, await res.clone().text()).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
    expect((await body(await ctx.call("GET", "/v1/settings"))).renewalUrl).toBeNull();
  });

  it("stores Stripe settings and shows the secrets only as hints", async () => {
    const res = await ctx.call("PATCH", "/v1/settings", { body: STRIPE });
    expect(res.status, await res.clone().text()).toBe(200);
    const settings = await body(await ctx.call("GET", "/v1/settings"));
    expect(settings).toMatchObject({ renewalProvider: "stripe", stripeSecretKey: "sk_test_…3456", stripeWebhookSecret: "whsec_…yMzQ" });
    expect(JSON.stringify(settings)).not.toContain(STRIPE.stripeSecretKey);
  });

  it("uses a changed provider for the next renewal at once", async () => {
    await ctx.call("PATCH", "/v1/settings", { body: { renewalUrl: "https://billing.example.com/renew", renewalProvider: "url" } });
    const renewal = await body(await ctx.call("POST", "/v1/accounts/acme/renewals"));
    expect(renewal.provider).toBe("url");
    expect(renewal.checkoutUrl).toMatch(/^https:\/\/billing\.example\.com\/renew\?account=acme&/);
  });

  it("refuses invalid settings in the error shape and keeps the stored ones", async () => {
    const cases: Array<[unknown, number]> = [
      [{ renewalProvider: "stripe" }, 400], // no keys
      [{ renewalProvider: "url" }, 400], // no URL
      [{ renewalProvider: "paypal" }, 400],
      [{ invoiceDueDays: 0 }, 400],
      [{ stripeSecretKey: "pk_test_123456" }, 400],
      [{ stripeApi: { host: "127.0.0.1", port: 12111, protocol: "http" } }, 400], // private, and the app does not allow it
      [{ stripeApi: { host: "api.example.com", port: 443, protocol: "gopher" } }, 400],
      [{ favouriteColour: "red" }, 400],
      [[], 400],
    ];
    for (const [patch, status] of cases) {
      const res = await ctx.call("PATCH", "/v1/settings", { body: patch });
      expect(res.status, JSON.stringify(patch)).toBe(status);
      expect((await body(res)).error).toMatchObject({ code: "validation_failed", requestId: expect.stringMatching(/^req_/) });
    }
    const raw = await ctx.call("PATCH", "/v1/settings", { raw: "{}", headers: { "content-type": "text/plain" } });
    expect(raw.status).toBe(415);
    expect((await ctx.call("PATCH", "/v1/settings", { key: null, body: {} })).status).toBe(401);
    expect((await ctx.call("PATCH", "/v1/settings", { key: ctx.tenant.publishableKey, body: {} })).status).toBe(403);
    const settings = await body(await ctx.call("GET", "/v1/settings"));
    expect(settings).toMatchObject({ renewalProvider: null, invoiceDueDays: 14, stripeApi: null });
  });
});

describe("the API reference", () => {
  it("documents the renewal, settings and webhook routes with their schemas", async () => {
    const doc = await body(await ctx.app.request("/v1/openapi.json"));
    expect(doc.paths["/v1/accounts/{accountId}/renewals"].post.requestBody.content["application/json"].schema.properties).toHaveProperty("seats");
    expect(doc.paths["/v1/settings"].patch.requestBody.content["application/json"].schema.properties).toHaveProperty("renewalProvider");
    expect(doc.paths["/v1/webhooks/endpoints"].post.responses["201"]).toBeDefined();
    expect(doc.paths["/v1/widget/renewals/decline"].post.requestBody.content["text/plain"].schema.properties.reason.enum).toContain("too_expensive");
    const page = await ctx.app.request("/docs");
    expect(await page.text()).toContain("/v1/openapi.json");
  });
});
