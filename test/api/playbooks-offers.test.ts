import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import type { OfferView } from "../../shared/offers/wire.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;

const OFFERS = {
  too_expensive: { kind: "discount", percent: 20 },
  not_used_enough: { kind: "extension", days: 14 },
  switching_product: { kind: "bonus_seats", seats: 5 },
  budget: { kind: "twelve_plus_one" },
  missing_feature: { kind: "upgrade_trial", feature: "sso", days: 14 },
} as const;
type Reason = keyof typeof OFFERS;

beforeEach(async () => {
  // 21 Nov 2026; the Shanghai contract's last day is 31 Dec 2026 (it ends 2026-12-31T16:00Z).
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z", settings: { declineOffers: OFFERS } as never });
  expect((await ctx.call("PUT", "/v1/plans/basic", { body: { name: "Basic", features: { projects: { type: "limit", limit: 10 } } } })).status).toBeLessThan(
    300,
  );
  await seedAccount(
    ctx,
    "acme",
    { name: "Acme China", timezone: "Asia/Shanghai", segment: "tech_touch" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", plan: "basic", amount: { value: 100_000, currency: "CNY" }, upliftPercent: 10 },
  );
});
afterEach(async () => ctx.close());

async function widget(path: string, body: Record<string, unknown>, user: { sub?: string; role?: "admin" | "member"; acct?: string } = {}): Promise<Response> {
  const userToken = await signUserToken(
    { sub: user.sub ?? "ada", acct: user.acct ?? "acme", role: user.role ?? "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 },
    ctx.tenant.identitySecret,
  );
  return ctx.app.request(`/v1/widget${path}`, { method: "POST", body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, ...body }) });
}

async function ok<T = any>(res: Response, status = 200): Promise<T> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return JSON.parse(text) as T;
}

async function show(reason: Reason): Promise<OfferView> {
  const { offer } = await ok<{ offer: OfferView | null }>(await widget("/offers", { reason }), 201);
  return offer!;
}

async function accept(offer: OfferView): Promise<OfferView> {
  return (await ok<{ offer: OfferView }>(await widget("/offers/accept", { offerId: offer.id }))).offer;
}

async function entitlement(at?: string): Promise<any> {
  return ok(await ctx.call("GET", `/v1/accounts/acme/entitlement${at ? `?at=${at}` : ""}`));
}

async function renewAndComplete(): Promise<any> {
  const started = await ok(await ctx.call("POST", "/v1/accounts/acme/renewals", { body: {} }), 201);
  const done = await ok(await ctx.call("POST", `/v1/accounts/acme/renewals/${started.id}/complete`, { body: {} }));
  return { started, done };
}

async function ledger(): Promise<Array<{ type: string; days: number | null; seats: number | null; feature: string | null; expires_at: number | null }>> {
  return ctx.db.all(
    sql`SELECT g.type, g.days, g.seats, g.feature, g.expires_at FROM grants g JOIN accounts a ON a.id = g.account_id WHERE a.external_id = 'acme' AND g.type <> 'hold' ORDER BY g.created_at, g.rowid`,
  );
}

async function events(type: string): Promise<Array<Record<string, any>>> {
  const rows = await ctx.db.all<{ payload: string }>(sql`SELECT payload FROM webhook_messages WHERE type = ${type} ORDER BY created_at, rowid`);
  return rows.map((row) => (JSON.parse(row.payload) as { data: Record<string, any> }).data);
}

const CONTRACT_END = "2026-12-31T16:00:00.000Z";

describe("offers matched to decline reasons", () => {
  it("discount: shows the next term's price in exact dates and amounts, once per term and account; accepted, the renewal is charged less", async () => {
    const offer = await show("too_expensive");
    // 100 000 with the 10 % uplift is 110 000; 20 % off is 88 000, for 2027-01-01 … 2027-12-31.
    expect(offer).toMatchObject({
      kind: "discount",
      status: "shown",
      facts: {
        percent: 20,
        amount: { before: 110_000, after: 88_000, currency: "CNY" },
        nextTerm: { startDate: "2027-01-01", endDate: "2027-12-31" },
        timezone: "Asia/Shanghai",
      },
    });
    // Shown once per term and account: not again to the same admin, nor to another.
    expect(await ok(await widget("/offers", { reason: "too_expensive" }))).toEqual({ offer: null });
    expect(await ok(await widget("/offers", { reason: "too_expensive" }, { sub: "bob" }))).toEqual({ offer: null });
    const accepted = await accept(offer);
    expect(accepted.status).toBe("accepted");
    expect(await accept(offer)).toMatchObject({ status: "accepted" }); // a second click changes nothing
    expect(await events("offer.accepted")).toEqual([
      expect.objectContaining({
        accountId: "acme",
        offerId: offer.id,
        kind: "discount",
        userId: "ada",
        facts: expect.objectContaining({ contractEndsAt: CONTRACT_END }),
      }),
    ]);
    const { started } = await renewAndComplete();
    expect(started.amount).toEqual({ value: 88_000, currency: "CNY" });
    const term = await ok(await ctx.call("GET", "/v1/accounts/acme/entitlement"));
    expect(term.contractEndsAt).toBe("2027-12-31T16:00:00.000Z");
    const [row] = await ctx.db.all<{ amount_value: number }>(sql`SELECT amount_value FROM contract_terms ORDER BY seq DESC LIMIT 1`);
    expect(Number(row!.amount_value)).toBe(88_000);
    const listed = await ok(await ctx.call("GET", "/v1/accounts/acme/offers"));
    expect(listed.data).toEqual([
      expect.objectContaining({ id: offer.id, kind: "discount", status: "accepted", decidedBy: "ada", offer: { kind: "discount", percent: 20 } }),
    ]);
  });

  it("extension: a time grant of N days that moves access, never contractEndsAt", async () => {
    const offer = await show("not_used_enough");
    expect(new Date(offer.facts.accessEndsAtAfter!).toISOString()).toBe("2027-01-14T16:00:00.000Z");
    await accept(offer);
    expect(await ledger()).toEqual([{ type: "time", days: 14, seats: null, feature: null, expires_at: null }]);
    const now = await entitlement();
    expect([now.contractEndsAt, now.accessEndsAt]).toEqual([CONTRACT_END, "2027-01-14T16:00:00.000Z"]);
    expect((await events("grant.created")).map((e) => e.grant.type)).toEqual(["time"]);
  });

  it("bonus_seats: N seats for the next term, written when the renewal completes and lasting to its end", async () => {
    const offer = await show("switching_product");
    expect(offer.facts).toMatchObject({ seats: 5, licensedNext: 15, nextTerm: { startDate: "2027-01-01", endDate: "2027-12-31" } });
    await accept(offer);
    expect(await ledger()).toEqual([]);
    expect((await entitlement()).seats).toMatchObject({ purchased: 10, bonus: 0, licensed: 10 });
    await renewAndComplete();
    expect(await ledger()).toEqual([{ type: "seats", days: null, seats: 5, feature: null, expires_at: Date.parse("2027-12-31T16:00:00.000Z") }]);
    expect((await entitlement("2027-06-01T00:00:00Z")).seats).toMatchObject({ purchased: 10, bonus: 5, licensed: 15 });
    expect((await entitlement("2028-01-01T00:00:00Z")).seats).toMatchObject({ bonus: 0 });
  });

  it("twelve_plus_one: renews the same term plus one calendar month of access; the renewal month and ARR of the reports API stay", async () => {
    const offer = await show("budget");
    expect(offer.facts).toMatchObject({ days: 31, nextTerm: { startDate: "2027-01-01", endDate: "2027-12-31" } });
    expect(new Date(offer.facts.accessEndsAtAfter!).toISOString()).toBe("2028-01-31T16:00:00.000Z");
    await accept(offer);
    await renewAndComplete();
    const next = await entitlement();
    expect([next.contractEndsAt, next.accessEndsAt]).toEqual(["2027-12-31T16:00:00.000Z", "2028-01-31T16:00:00.000Z"]);
    expect(await ledger()).toEqual([{ type: "time", days: 31, seats: null, feature: null, expires_at: null }]);
    const report = await ok(await ctx.call("GET", "/v1/reports/renewals?from=2027-12&to=2028-01"));
    expect(report).toEqual({
      months: [
        { month: "2027-12", contracts: 1, arr: { CNY: 110_000 } },
        { month: "2028-01", contracts: 0, arr: {} },
      ],
    });
  });

  it("upgrade_trial: a feature grant for N days, after which the feature is gone again", async () => {
    const check = async (at?: string): Promise<any> =>
      ok(await ctx.call("POST", `/v1/accounts/acme/check${at ? `?at=${at}` : ""}`, { body: { feature: "sso" } }));
    expect((await check()).allowed).toBe(false);
    const offer = await show("missing_feature");
    // 14 calendar days from now in Shanghai: 5 Dec 2026, 16:00 local.
    expect(new Date(offer.facts.until!).toISOString()).toBe("2026-12-05T08:00:00.000Z");
    await accept(offer);
    expect(await ledger()).toEqual([{ type: "feature", days: null, seats: null, feature: "sso", expires_at: Date.parse("2026-12-05T08:00:00.000Z") }]);
    expect((await check()).allowed).toBe(true);
    expect((await check("2026-12-05T08:00:00.000Z")).allowed).toBe(false);
    expect((await entitlement()).contractEndsAt).toBe(CONTRACT_END);
  });

  it("declined, each kind: the reason is recorded, the account goes to recovery, the offer is marked declined, and nothing is granted", async () => {
    for (const reason of Object.keys(OFFERS) as Reason[]) {
      const user = `user-${reason}`;
      const { offer } = await ok<{ offer: OfferView }>(await widget("/offers", { reason }, { sub: user }), 201);
      const declined = await widget("/renewals/decline", { reason, offerId: offer.id }, { sub: user });
      expect(declined.status, await declined.clone().text()).toBe(201);
      expect((await ok(await widget("/offers/accept", { offerId: offer.id }, { sub: user }), 409)).error.code).toBe("conflict");
    }
    const listed = await ok(await ctx.call("GET", "/v1/accounts/acme/offers"));
    expect(listed.data.map((o: { status: string }) => o.status)).toEqual(["declined", "declined", "declined", "declined", "declined"]);
    expect(await ledger()).toEqual([]);
    const rows = await ctx.db.all<{ reason: string; recovery_status: string }>(
      sql`SELECT reason, recovery_status FROM renewal_declines ORDER BY created_at, rowid`,
    );
    expect(rows.map((r) => [r.reason, r.recovery_status])).toEqual(Object.keys(OFFERS).map((reason) => [reason, "open"]));
    // The first decline of the term tells the vendor, with the offer it turned down.
    expect(await events("renewal.declined")).toEqual([
      expect.objectContaining({ reason: "too_expensive", recovery: true, offerId: expect.stringMatching(/^ofr_/) }),
    ]);
    expect(await events("offer.accepted")).toEqual([]);
    await renewAndComplete();
    const [row] = await ctx.db.all<{ amount_value: number }>(sql`SELECT amount_value FROM contract_terms ORDER BY seq DESC LIMIT 1`);
    expect(Number(row!.amount_value)).toBe(110_000);
    expect((await entitlement()).seats).toMatchObject({ bonus: 0 });
  });

  it("shows nothing for a reason without an offer, after the contract ended, or to a role that may not renew", async () => {
    expect(await ok(await widget("/offers", { reason: "other" }))).toEqual({ offer: null });
    expect((await ok(await widget("/offers", { reason: "too_expensive" }, { role: "member" }), 403)).error.code).toBe("forbidden");
    ctx.clock.now = Date.parse(CONTRACT_END);
    expect(await ok(await widget("/offers", { reason: "too_expensive" }))).toEqual({ offer: null });
  });

  it("refuses bad offer requests with a 4xx and changes nothing", async () => {
    const offer = await show("not_used_enough");
    await seedAccount(ctx, "other", { name: "Other", timezone: "UTC" }, { seats: 3, startDate: "2026-01-01", endDate: "2026-12-31" });
    const before = await dbFingerprint(ctx);
    expect((await ok(await widget("/offers", { reason: "cheaper" }), 400)).error.code).toBe("validation_failed");
    expect((await ok(await widget("/offers", {}), 400)).error.code).toBe("validation_failed");
    expect((await ok(await widget("/offers/accept", { offerId: "nope" }), 400)).error.code).toBe("validation_failed");
    expect((await ok(await widget("/offers/accept", { offerId: "ofr_1111111111111111" }), 404)).error.code).toBe("not_found");
    // Another account's user cannot take this account's offer.
    expect((await ok(await widget("/offers/accept", { offerId: offer.id }, { acct: "other" }), 404)).error.code).toBe("not_found");
    expect((await ok(await widget("/offers/accept", { offerId: offer.id }, { role: "member" }), 403)).error.code).toBe("forbidden");
    expect((await ok(await widget("/renewals/decline", { reason: "budget", offerId: "x" }), 400)).error.code).toBe("validation_failed");
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});
