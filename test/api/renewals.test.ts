import { createHmac } from "node:crypto";
import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { contractTerms, grants, renewals, webhookMessages } from "../../server/db/schema/index.ts";
import { verifyRenewalLink } from "../../server/services/renewals/providers.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

// The contract's last day is 2026-12-31 in Shanghai: it ends at 2026-12-31T16:00Z; grace is 72 h.
const ACCOUNT = { name: "Acme Ltd", timezone: "Asia/Shanghai" };
const CONTRACT = {
  seats: 10,
  startDate: "2026-01-01",
  endDate: "2026-12-31",
  graceHours: 72,
  amount: { value: 1_200_000, currency: "CNY" },
  upliftPercent: 5,
};
const DAY = 86_400_000;

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2027-01-02T00:00:00.000Z" });
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT);
});
afterEach(() => ctx.close());

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function rows(table: typeof renewals | typeof grants | typeof contractTerms | typeof webhookMessages): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(table);
  return row!.n;
}

function start(headers: Record<string, string> = {}, payload?: unknown): Promise<Response> {
  return ctx.call("POST", "/v1/accounts/acme/renewals", { headers, ...(payload === undefined ? {} : { body: payload }) });
}

describe("starting a renewal through the server API", () => {
  it("quotes the next term at the uplifted price and writes a 24-hour hold into the ledger", async () => {
    const res = await start();
    expect(res.status, await res.clone().text()).toBe(201);
    const renewal = await body(res);
    expect(renewal).toMatchObject({
      status: "pending",
      provider: "invoice",
      accountId: "acme",
      amount: { value: 1_260_000, currency: "CNY" },
      nextTerm: { id: null, startDate: "2027-01-01", endDate: "2027-12-31", seats: 10 },
      // Started after access ended: held for 24 h from the start.
      holdUntil: "2027-01-03T00:00:00.000Z",
      invoice: { amount: { value: 1_260_000, currency: "CNY" }, dueAt: "2027-01-16T00:00:00.000Z" },
    });
    expect(renewal.id).toMatch(/^ren_/);
    expect(renewal.invoice.reference).toMatch(/^TNR-[2-9A-HJ-NP-Z]{4}-[2-9A-HJ-NP-Z]{4}$/);
    const ledger = await body(await ctx.call("GET", "/v1/accounts/acme/grants"));
    expect(ledger.data).toEqual([expect.objectContaining({ type: "hold", until: "2027-01-03T00:00:00.000Z", voidedAt: null })]);
    const entitlement = await body(await ctx.call("GET", "/v1/accounts/acme/entitlement"));
    expect(entitlement).toMatchObject({ accessEndsAt: "2027-01-03T00:00:00.000Z", contractEndsAt: "2026-12-31T16:00:00.000Z" });
  });

  it("holds until 24 hours after access ends when started before the end", async () => {
    ctx.clock.now = Date.parse("2026-12-20T00:00:00.000Z");
    const renewal = await body(await start());
    expect(renewal.holdUntil).toBe("2027-01-01T16:00:00.000Z");
  });

  it("replays the first answer to a repeated Idempotency-Key and starts nothing more", async () => {
    const first = await start({ "idempotency-key": "order-42" });
    ctx.clock.now += 1_000;
    const second = await start({ "idempotency-key": "order-42" });
    expect(first.status).toBe(201);
    expect(second.status).toBe(201);
    expect(await second.text()).toBe(await first.text());
    expect(await rows(renewals)).toBe(1);
    expect(await rows(grants)).toBe(1);
  });

  it("refuses an Idempotency-Key reused for a different request and writes nothing", async () => {
    await start({ "idempotency-key": "order-42" });
    const res = await start({ "idempotency-key": "order-42" }, { seats: 12 });
    expect(res.status, await res.clone().text()).toBe(409);
    expect((await body(res)).error.code).toBe("conflict");
    expect(await rows(renewals)).toBe(1);
  });

  it("makes one open renewal and one hold out of concurrent starts", async () => {
    const answers = await Promise.all(Array.from({ length: 6 }, () => start()));
    const ids = new Set(await Promise.all(answers.map(async (res) => (await body(res.clone())).id)));
    expect(ids.size).toBe(1);
    expect(answers.map((res) => res.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
    expect(await rows(renewals)).toBe(1);
    expect(await rows(grants)).toBe(1);
    const started = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "renewal.started"));
    expect(started).toHaveLength(1);
  });

  it("gives the hold once per term: a renewal started after one expired gets none", async () => {
    const first = await body(await start());
    ctx.clock.now = Date.parse(first.expiresAt);
    await tick(ctx.db, ctx.clock.now);
    const expired = await body(await ctx.call("GET", `/v1/accounts/acme/renewals/${first.id}`));
    expect(expired).toMatchObject({ status: "expired", holdUntil: null, checkoutUrl: null });
    const second = await body(await start());
    expect(second.id).not.toBe(first.id);
    expect(second.holdUntil).toBeNull();
    const ledger = await body(await ctx.call("GET", "/v1/accounts/acme/grants"));
    expect(ledger.data).toEqual([expect.objectContaining({ type: "hold", voidedAt: new Date(ctx.clock.now).toISOString() })]);
  });

  it("lets the hold lapse when the vendor marks the renewal failed", async () => {
    const renewal = await body(await start());
    const failed = await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/fail`, { body: { reason: "card declined" } });
    expect(failed.status, await failed.clone().text()).toBe(200);
    expect(await body(failed)).toMatchObject({ status: "failed", failureReason: "card declined", holdUntil: null });
    const entitlement = await body(await ctx.call("GET", "/v1/accounts/acme/entitlement"));
    expect(entitlement).toMatchObject({ state: "grace", accessEndsAt: "2026-12-31T16:00:00.000Z" });
  });

  it("signs the vendor's billing link with account, term, amount and expiry (url provider)", async () => {
    const linkSecret = "link-secret-0123456789abcdef-0123456789";
    const vendor = await ctx.createTenant("Url Vendor", { renewalUrl: "https://billing.example.com/renew?acct={accountId}", renewalLinkSecret: linkSecret });
    await seedAccount(ctx, "beta", ACCOUNT, CONTRACT, vendor.secretKey);
    const res = await ctx.call("POST", "/v1/accounts/beta/renewals", { key: vendor.secretKey });
    const renewal = await body(res);
    expect(renewal.provider).toBe("url");
    const link = new URL(renewal.checkoutUrl);
    expect(link.origin + link.pathname).toBe("https://billing.example.com/renew");
    const q = link.searchParams;
    expect(Object.fromEntries(q)).toMatchObject({
      acct: "beta",
      account: "beta",
      renewal: renewal.id,
      term: "2027-01-01/2027-12-31",
      seats: "10",
      amount: "1260000",
      currency: "CNY",
    });
    expect(Number(q.get("expires")) * 1000).toBe(Date.parse(renewal.expiresAt));
    // What the vendor does, written from the documented scheme, not from our code:
    const canonical = ["v1", "beta", renewal.id, "2027-01-01/2027-12-31", "10", "1260000", "CNY", q.get("expires"), ""].join("\n");
    expect(q.get("signature")).toBe(createHmac("sha256", linkSecret).update(canonical).digest("hex"));
    expect(await verifyRenewalLink(link.toString(), linkSecret, ctx.clock.now)).not.toBeNull();
    const tampered = new URL(link);
    tampered.searchParams.set("amount", "1");
    expect(await verifyRenewalLink(tampered.toString(), linkSecret, ctx.clock.now)).toBeNull();
    expect(await verifyRenewalLink(link.toString(), linkSecret, Date.parse(renewal.expiresAt))).toBeNull();
  });
});

describe("completing a renewal", () => {
  it("starts the next term at the old contract end, as long, with uplifted amount and the seats renewed", async () => {
    const renewal = await body(await start());
    const res = await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`, { body: { seats: 12 } });
    expect(res.status, await res.clone().text()).toBe(200);
    const done = await body(res);
    expect(done).toMatchObject({ status: "completed", nextTerm: { startDate: "2027-01-01", endDate: "2027-12-31", seats: 12 } });
    expect(done.newTerm).toMatchObject({
      seq: 2,
      seats: 12,
      contractEndsAt: "2027-12-31T16:00:00.000Z",
      amount: { value: 1_260_000, currency: "CNY" },
      upliftPercent: 5,
      graceHours: 72,
    });
    const entitlement = await body(await ctx.call("GET", "/v1/accounts/acme/entitlement"));
    expect(entitlement).toMatchObject({ state: "active", contractEndsAt: "2027-12-31T16:00:00.000Z", seats: { purchased: 12 } });
    expect(await rows(contractTerms)).toBe(2);
  });

  it("changes nothing when completed twice", async () => {
    const renewal = await body(await start());
    const first = await body(await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`));
    const again = await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`);
    expect(again.status).toBe(200);
    expect((await body(again)).newTerm.id).toBe(first.newTerm.id);
    const both = await Promise.all([1, 2].map(() => ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`)));
    expect(both.map((res) => res.status)).toEqual([200, 200]);
    expect(await rows(contractTerms)).toBe(2);
    const completed = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "renewal.completed"));
    expect(completed).toHaveLength(1);
  });

  it("completes a renewal that expired when the payment arrives late", async () => {
    const renewal = await body(await start());
    ctx.clock.now = Date.parse(renewal.expiresAt) + DAY;
    await tick(ctx.db, ctx.clock.now);
    const res = await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`);
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await body(res)).status).toBe("completed");
  });

  it("refuses to complete a renewal whose term another renewal already renewed", async () => {
    const stale = await body(await start());
    await ctx.call("POST", `/v1/accounts/acme/renewals/${stale.id}/fail`);
    const fresh = await body(await start());
    await ctx.call("POST", `/v1/accounts/acme/renewals/${fresh.id}/complete`);
    const res = await ctx.call("POST", `/v1/accounts/acme/renewals/${stale.id}/complete`);
    expect(res.status, await res.clone().text()).toBe(409);
    expect(await rows(contractTerms)).toBe(2);
  });
});

describe("bad input is refused with the error shape and writes nothing", () => {
  const cases: Array<[string, () => Promise<Response>, number]> = [
    ["an unknown field", () => start({}, { seats: 10, colour: "red" }), 400],
    ["zero seats", () => start({}, { seats: 0 }), 400],
    ["a lower-case currency", () => start({}, { amount: { value: 5, currency: "cny" } }), 400],
    ["a negative amount", () => start({}, { amount: { value: -1, currency: "CNY" } }), 400],
    ["a return URL that is not http(s)", () => start({}, { returnUrl: "javascript:alert(1)" }), 400],
    ["an over-long Idempotency-Key", () => start({ "idempotency-key": "k".repeat(256) }), 400],
    ["an Idempotency-Key with a space", () => start({ "idempotency-key": "order 42" }), 400],
    ["a body that is not JSON", () => ctx.call("POST", "/v1/accounts/acme/renewals", { raw: "{seats:", headers: {} }), 400],
    ["a body sent as text/plain", () => ctx.call("POST", "/v1/accounts/acme/renewals", { raw: "{}", headers: { "content-type": "text/plain" } }), 415],
    ["an unknown account", () => ctx.call("POST", "/v1/accounts/nobody/renewals"), 404],
    ["a publishable key", () => ctx.call("POST", "/v1/accounts/acme/renewals", { key: ctx.tenant.publishableKey }), 403],
    ["no key", () => ctx.call("POST", "/v1/accounts/acme/renewals", { key: null }), 401],
  ];
  for (const [what, send, status] of cases) {
    it(`refuses ${what}`, async () => {
      const res = await send();
      expect(res.status, await res.clone().text()).toBe(status);
      expect((await body(res)).error).toMatchObject({ code: expect.any(String), message: expect.any(String), requestId: expect.stringMatching(/^req_/) });
      expect(await rows(renewals)).toBe(0);
      expect(await rows(grants)).toBe(0);
    });
  }

  it("refuses an account without a contract", async () => {
    await ctx.call("PUT", "/v1/accounts/bare", { body: ACCOUNT });
    const res = await ctx.call("POST", "/v1/accounts/bare/renewals");
    expect(res.status, await res.clone().text()).toBe(409);
    expect(await rows(renewals)).toBe(0);
  });

  it("refuses bad completion input and leaves the renewal pending", async () => {
    const renewal = await body(await start());
    for (const payload of [{ seats: -1 }, { seats: 1.5 }, { amount: { value: 1 } }, { extra: true }]) {
      const res = await ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`, { body: payload });
      expect(res.status, JSON.stringify(payload)).toBe(400);
    }
    expect((await body(await ctx.call("GET", `/v1/accounts/acme/renewals/${renewal.id}`))).status).toBe("pending");
    expect(await rows(contractTerms)).toBe(1);
  });

  it("answers 404 for a renewal id that is malformed, unknown, or another account's or tenant's", async () => {
    const renewal = await body(await start());
    await seedAccount(ctx, "other", ACCOUNT, CONTRACT);
    const outsider = await ctx.createTenant("Outsider");
    await seedAccount(ctx, "acme", ACCOUNT, CONTRACT, outsider.secretKey);
    const attempts = [
      ctx.call("POST", "/v1/accounts/acme/renewals/not-an-id/complete"),
      ctx.call("POST", "/v1/accounts/acme/renewals/ren_1111111111111111/complete"),
      ctx.call("POST", `/v1/accounts/other/renewals/${renewal.id}/complete`),
      ctx.call("POST", `/v1/accounts/acme/renewals/${renewal.id}/complete`, { key: outsider.secretKey }),
    ];
    for (const res of await Promise.all(attempts)) expect(res.status, await res.clone().text()).toBe(404);
    expect(await rows(contractTerms)).toBe(3);
  });
});
