import { count, eq } from "drizzle-orm";
import type { Hono } from "hono";
import Stripe from "stripe";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { contractTerms, renewals, webhookMessages } from "../../server/db/schema/index.ts";
import type { AppEnv } from "../../server/env.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { onChange } from "../../server/services/tenants/changes.ts";
import type { ChangeEvent } from "../../server/services/tenants/changes.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { startStripeStandIn } from "../support/stripe-stand-in.ts";
import type { RunningStandIn } from "../support/stripe-stand-in.ts";

const ACCOUNT = { name: "Acme Ltd", timezone: "Asia/Shanghai" };
const CONTRACT = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", graceHours: 72, amount: { value: 1_200_000, currency: "CNY" }, upliftPercent: 5 };
const WEBHOOK_SECRET = "whsec_c3RyaXBlLXN0YW5kLWluLXNlY3JldA";
const ORIGIN = "https://app.acme.test";

let ctx: TestContext;
let app: Hono<AppEnv>;
let stripe: RunningStandIn;
let vendor: CreatedTenant;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2027-01-05T00:00:00.000Z" }); // locked
  app = createApp({ db: ctx.db, clock: () => ctx.clock.now, allowPrivateWebhookTargets: true });
  stripe = await startStripeStandIn({
    webhookSecret: WEBHOOK_SECRET,
    deliver: async (payload, signature) => void (await sendEvent(payload, signature)),
    clock: () => ctx.clock.now,
  });
  vendor = await ctx.createTenant("Stripe Vendor", {
    renewalProvider: "stripe",
    stripeSecretKey: "sk_test_standin123456",
    stripeWebhookSecret: WEBHOOK_SECRET,
    stripeApi: stripe.api,
  });
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT, vendor.secretKey);
  await seedAccount(ctx, "beta", ACCOUNT, CONTRACT, vendor.secretKey);
});
afterEach(async () => {
  await stripe.close();
  await ctx.close();
});

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function sendEvent(payload: string, signature: string | null, tenantId = vendor.tenantId): Promise<Response> {
  return app.request(`/v1/stripe/webhooks/${tenantId}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(signature === null ? {} : { "stripe-signature": signature }) },
    body: payload,
  });
}

async function clickRenew(account = "acme"): Promise<Response> {
  const userToken = await signUserToken({ sub: "admin-1", acct: account, role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, vendor.identitySecret);
  return app.request("/v1/widget/renewals", {
    method: "POST",
    headers: { "content-type": "text/plain", origin: ORIGIN },
    body: JSON.stringify({ publishableKey: vendor.publishableKey, userToken, returnUrl: `${ORIGIN}/billing` }),
  });
}

async function renewalOf(account = "acme"): Promise<any> {
  const res = await app.request(`/v1/accounts/${account}/renewals`, { headers: { authorization: `Bearer ${vendor.secretKey}` } });
  return (await body(res)).data[0];
}

async function state(account = "acme"): Promise<string> {
  const res = await app.request(`/v1/accounts/${account}/entitlement`, { headers: { authorization: `Bearer ${vendor.secretKey}` } });
  return (await body(res)).state;
}

async function deliver(type: string, sessionId: string, patch: Record<string, unknown> = {}): Promise<Response> {
  const { payload, signature } = await stripe.signedEvent(type, sessionId, patch);
  return sendEvent(payload, signature);
}

async function termCount(): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(contractTerms);
  return row!.n;
}

describe("Stripe Checkout renewals", () => {
  it("makes one Checkout session for the next term's price, however many clicks arrive at once", async () => {
    const answers = await Promise.all([clickRenew(), clickRenew(), clickRenew()]);
    const started = await Promise.all(answers.map((res) => body(res)));
    expect(new Set(started.map((answer) => answer.renewal.id)).size).toBe(1);
    expect(stripe.sessions.size).toBe(1);
    const [session] = [...stripe.sessions.values()];
    expect(session).toMatchObject({ amount_total: 1_260_000, currency: "cny", client_reference_id: started[0].renewal.id, mode: "payment" });
    expect(session!.success_url).toBe(`${ORIGIN}/billing?tenure_renewal=${started[0].renewal.id}&tenure_checkout=success`);
    for (const answer of started) expect(answer.checkoutUrl).toBe(session!.url);
    expect(started[0].renewal.holdUntil).toBe("2027-01-06T00:00:00.000Z");
  });

  it("completes the renewal from a signed checkout.session.completed and unlocks the account", async () => {
    const { checkoutUrl } = await body(await clickRenew());
    expect(await state()).toBe("expiring"); // held by the 24-hour buffer
    const sessionId = new URL(checkoutUrl).pathname.split("/").pop()!;
    const changes: ChangeEvent[] = [];
    onChange(ctx.db, (event) => changes.push(event));
    const res = await deliver("checkout.session.completed", sessionId, { status: "complete", payment_status: "paid" });
    expect(res.status, await res.clone().text()).toBe(200);
    expect(await body(res)).toMatchObject({ received: true, outcome: "completed" });
    // The completion itself announces the change: open widgets and caches learn of it.
    expect(changes).toContainEqual(expect.objectContaining({ tenantId: vendor.tenantId, origin: "local" }));
    expect(await state()).toBe("active");
    expect(await renewalOf()).toMatchObject({ status: "completed", nextTerm: { startDate: "2027-01-01", endDate: "2027-12-31" } });
  });

  it("changes nothing twice when Stripe replays a webhook", async () => {
    await clickRenew();
    const [session] = [...stripe.sessions.values()];
    const event = await stripe.signedEvent("checkout.session.completed", session!.id, { payment_status: "paid" });
    const answers = [await sendEvent(event.payload, event.signature), await sendEvent(event.payload, event.signature)];
    answers.push(...(await Promise.all([sendEvent(event.payload, event.signature), sendEvent(event.payload, event.signature)])));
    expect(answers.map((res) => res.status)).toEqual([200, 200, 200, 200]);
    expect(await termCount()).toBe(3); // acme's two terms and beta's one
    const completed = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "renewal.completed"));
    expect(completed).toHaveLength(1);
  });

  it("ends in the same state whatever order Stripe's events arrive in", async () => {
    const orders: Array<Array<[string, Record<string, unknown>]>> = [
      [
        ["checkout.session.expired", { status: "expired" }],
        ["checkout.session.completed", { payment_status: "paid" }],
      ],
      [
        ["checkout.session.completed", { payment_status: "paid" }],
        ["checkout.session.expired", { status: "expired" }],
      ],
    ];
    const outcomes: unknown[] = [];
    for (const [i, account] of ["acme", "beta"].entries()) {
      await clickRenew(account);
      const session = [...stripe.sessions.values()].find((s) => s.metadata.tenure_account_id === account)!;
      for (const [type, patch] of orders[i]!) expect((await deliver(type, session.id, patch)).status).toBe(200);
      const renewal = await renewalOf(account);
      outcomes.push([renewal.status, renewal.nextTerm.startDate, renewal.holdUntil, await state(account)]);
    }
    expect(outcomes[0]).toEqual(["completed", "2027-01-01", null, "active"]);
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it("waits for a delayed payment and ends the same whether its failure arrives first or last", async () => {
    const orders: Array<Array<[string, Record<string, unknown>]>> = [
      [
        ["checkout.session.completed", { payment_status: "unpaid" }],
        ["checkout.session.async_payment_failed", {}],
      ],
      [
        ["checkout.session.async_payment_failed", {}],
        ["checkout.session.completed", { payment_status: "unpaid" }],
      ],
    ];
    const outcomes: unknown[] = [];
    for (const [i, account] of ["acme", "beta"].entries()) {
      await clickRenew(account);
      const session = [...stripe.sessions.values()].find((s) => s.metadata.tenure_account_id === account)!;
      for (const [type, patch] of orders[i]!) await deliver(type, session.id, patch);
      const renewal = await renewalOf(account);
      outcomes.push([renewal.status, renewal.holdUntil, await state(account)]);
    }
    expect(outcomes[0]).toEqual(["failed", null, "locked"]);
    expect(outcomes[1]).toEqual(outcomes[0]);
  });

  it("refuses a bad signature, a stale or future timestamp or no signature, and changes nothing", async () => {
    await clickRenew();
    const [session] = [...stripe.sessions.values()];
    const good = await stripe.signedEvent("checkout.session.completed", session!.id, { payment_status: "paid" });
    const forged = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload: good.payload,
      secret: "whsec_bm90IHRoZSByaWdodCBzZWNyZXQ",
      timestamp: Math.floor(ctx.clock.now / 1000),
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
    const stale = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload: good.payload,
      secret: WEBHOOK_SECRET,
      timestamp: Math.floor(ctx.clock.now / 1000) - 301,
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
    const future = await Stripe.webhooks.generateTestHeaderStringAsync({
      payload: good.payload,
      secret: WEBHOOK_SECRET,
      timestamp: Math.floor(ctx.clock.now / 1000) + 600, // ten minutes ahead: the SDK alone accepts it
      cryptoProvider: Stripe.createSubtleCryptoProvider(),
    });
    const tampered = good.payload.replace('"paid"', '"paid" ');
    const attempts = [
      sendEvent(good.payload, forged),
      sendEvent(good.payload, stale),
      sendEvent(good.payload, future),
      sendEvent(good.payload, null),
      sendEvent(tampered, good.signature),
    ];
    for (const res of await Promise.all(attempts)) {
      expect(res.status, await res.clone().text()).toBe(400);
      expect((await body(res)).error.code).toBe("bad_request");
    }
    expect((await sendEvent(good.payload, good.signature, "ten_1111111111111111")).status).toBe(404);
    expect((await renewalOf()).status).toBe("pending");
    expect(await termCount()).toBe(2);
  });

  it("plays Stripe's part end to end: the stand-in's pay page completes the renewal and returns to the page", async () => {
    const { checkoutUrl, renewal } = await body(await clickRenew());
    const page = await fetch(checkoutUrl);
    expect(await page.text()).toContain("Pay");
    const paid = await fetch(checkoutUrl, { method: "POST", redirect: "manual" });
    expect(paid.status).toBe(303);
    expect(paid.headers.get("location")).toBe(`${ORIGIN}/billing?tenure_renewal=${renewal.id}&tenure_checkout=success`);
    expect(await state()).toBe("active");
  });

  it("refuses a Stripe API override on a private address unless the app allows it, writing nothing", async () => {
    const userToken = await signUserToken({ sub: "admin-1", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, vendor.identitySecret);
    const res = await ctx.app.request("/v1/widget/renewals", {
      method: "POST",
      body: JSON.stringify({ publishableKey: vendor.publishableKey, userToken }),
    });
    expect(res.status, await res.clone().text()).toBe(409);
    const [row] = await ctx.db.select({ n: count() }).from(renewals);
    expect(row!.n).toBe(0);
  });

  it("refuses to start through Stripe when the contract has no amount", async () => {
    await seedAccount(ctx, "free", ACCOUNT, { seats: 3, startDate: "2026-01-01", endDate: "2026-12-31" }, vendor.secretKey);
    const res = await clickRenew("free");
    expect(res.status, await res.clone().text()).toBe(409);
  });
});
