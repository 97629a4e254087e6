import { count, eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { renewalDeclines, renewals, webhookMessages } from "../../server/db/schema/index.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import type { TenantSettings } from "../../server/services/tenants/settings.ts";
import { createTestContext, INVOICE_SETTINGS, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const ACCOUNT = { name: "Acme Ltd", timezone: "Asia/Shanghai" };
const CONTRACT = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", graceHours: 72, amount: { value: 1_200_000, currency: "CNY" }, upliftPercent: 5 };
const ORIGIN = "https://app.acme.test";

let ctx: TestContext;
beforeEach(async () => {
  // In grace: access ended 2026-12-31T16:00Z, the lock comes 72 h later.
  ctx = await createTestContext({ now: "2027-01-02T00:00:00.000Z" });
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT);
});
afterEach(() => ctx.close());

async function body(res: Response): Promise<any> {
  return JSON.parse(await res.text());
}

async function token(tenant: CreatedTenant, role: "admin" | "member", sub = "u-1", name?: string): Promise<string> {
  return signUserToken({ sub, acct: "acme", role, exp: Math.floor(ctx.clock.now / 1000) + 3600, ...(name ? { name } : {}) }, tenant.identitySecret);
}

async function widget(
  path: string,
  fields: Record<string, unknown>,
  options: { role?: "admin" | "member"; tenant?: CreatedTenant; origin?: string | null; sub?: string; name?: string } = {},
): Promise<Response> {
  const tenant = options.tenant ?? ctx.tenant;
  const origin = options.origin === undefined ? ORIGIN : options.origin;
  return ctx.app.request(path, {
    method: "POST",
    headers: { "content-type": "text/plain", ...(origin ? { origin } : {}) },
    body: JSON.stringify({
      publishableKey: tenant.publishableKey,
      userToken: await token(tenant, options.role ?? "admin", options.sub, options.name),
      ...fields,
    }),
  });
}

async function tenantWith(settings: Partial<TenantSettings>): Promise<CreatedTenant> {
  // Renewals by invoice unless the test chooses how they are paid.
  const tenant = await ctx.createTenant(`Vendor ${Math.random()}`, {
    ...(settings.renewalUrl || settings.renewalProvider ? {} : INVOICE_SETTINGS),
    ...settings,
  });
  await seedAccount(ctx, "acme", ACCOUNT, CONTRACT, tenant.secretKey);
  return tenant;
}

async function rowCount(table: typeof renewals | typeof renewalDeclines): Promise<number> {
  const [row] = await ctx.db.select({ n: count() }).from(table);
  return row!.n;
}

describe("one-click renewal from the widget", () => {
  it("starts an invoice renewal for an admin, and a second click answers the same one", async () => {
    const first = await widget("/v1/widget/renewals", {});
    expect(first.status, await first.clone().text()).toBe(201);
    expect(first.headers.get("access-control-allow-origin")).toBe(ORIGIN);
    const started = await body(first);
    expect(started).toMatchObject({
      checkoutUrl: null,
      invoice: { reference: expect.stringMatching(/^TNR-/), amount: { value: 1_260_000, currency: "CNY" } },
      renewal: { status: "pending", provider: "invoice", holdUntil: "2027-01-03T00:00:00.000Z" },
    });
    const again = await widget("/v1/widget/renewals", {});
    expect(again.status).toBe(200);
    expect((await body(again)).renewal.id).toBe(started.renewal.id);
    expect(await rowCount(renewals)).toBe(1);
  });

  it("fills the bootstrap with the pending renewal, its hold and the invoice to pay", async () => {
    const started = await body(await widget("/v1/widget/renewals", {}));
    const boot = await body(await widget("/v1/widget/bootstrap", {}));
    expect(boot.entitlement).toMatchObject({ state: "expiring", holdUntil: Date.parse("2027-01-03T00:00:00.000Z") });
    expect(boot.renewal).toMatchObject({
      canRenew: true,
      provider: "invoice",
      pending: { id: started.renewal.id, status: "pending", startedAt: ctx.clock.now },
      invoice: { reference: started.invoice.reference, amount: { value: 1_260_000, currency: "CNY" } },
      declined: null,
    });
  });

  it("shows the account unlocked on the next bootstrap once the vendor confirms payment", async () => {
    ctx.clock.now = Date.parse("2027-01-05T00:00:00.000Z"); // locked
    const started = await body(await widget("/v1/widget/renewals", {}));
    const before = await widget("/v1/widget/bootstrap", {});
    const etag = before.headers.get("etag")!;
    await ctx.call("POST", `/v1/accounts/acme/renewals/${started.renewal.id}/complete`);
    const after = await widget("/v1/widget/bootstrap", { ifNoneMatch: etag });
    expect(after.status).toBe(200);
    const boot = await body(after);
    expect(boot.entitlement).toMatchObject({ state: "active", holdUntil: null, contractEndsAt: Date.parse("2027-12-31T16:00:00.000Z") });
    expect(boot.renewal.pending).toBeNull();
  });

  it("refuses a late click on a contract that was renewed meanwhile, instead of renewing the next term", async () => {
    const boot = await body(await widget("/v1/widget/bootstrap", {}));
    const seen = boot.entitlement.contractEndsAt;
    const started = await body(await widget("/v1/widget/renewals", { contractEndsAt: seen }));
    await ctx.call("POST", `/v1/accounts/acme/renewals/${started.renewal.id}/complete`);
    const late = await widget("/v1/widget/renewals", { contractEndsAt: seen });
    expect(late.status, await late.clone().text()).toBe(409);
    expect(await rowCount(renewals)).toBe(1);
    expect((await widget("/v1/widget/renewals", { contractEndsAt: -1 })).status).toBe(400);
  });

  it("refuses a member when the vendor lets only admins renew, and writes nothing", async () => {
    const res = await widget("/v1/widget/renewals", {}, { role: "member" });
    expect(res.status, await res.clone().text()).toBe(403);
    expect((await body(res)).error.code).toBe("forbidden");
    expect(await rowCount(renewals)).toBe(0);
    expect((await body(await widget("/v1/widget/bootstrap", {}, { role: "member" }))).renewal.canRenew).toBe(false);
  });

  it("lets members renew when the vendor allows them", async () => {
    const tenant = await tenantWith({ renewalRoles: ["admin", "member"] });
    const res = await widget("/v1/widget/renewals", {}, { role: "member", tenant });
    expect(res.status, await res.clone().text()).toBe(201);
  });

  it("hands out the signed vendor link with the page as the way back (url provider)", async () => {
    const tenant = await tenantWith({ renewalUrl: "https://billing.example.com/renew" });
    const res = await widget("/v1/widget/renewals", { returnUrl: `${ORIGIN}/settings/billing` }, { tenant });
    const started = await body(res);
    const link = new URL(started.checkoutUrl);
    expect(link.searchParams.get("return")).toBe(`${ORIGIN}/settings/billing`);
    expect(link.searchParams.get("signature")).toMatch(/^[0-9a-f]{64}$/);
  });

  it("refuses a return URL on another site and writes nothing", async () => {
    for (const returnUrl of ["https://evil.test/steal", "not a url", "javascript:alert(1)"]) {
      const res = await widget("/v1/widget/renewals", { returnUrl });
      expect(res.status, returnUrl).toBe(400);
    }
    const listed = await ctx.createTenant("Listed", {}, [ORIGIN]);
    await seedAccount(ctx, "acme", ACCOUNT, CONTRACT, listed.secretKey);
    const res = await widget("/v1/widget/renewals", { returnUrl: "https://other.acme.test/x" }, { tenant: listed });
    expect(res.status).toBe(400);
    expect(await rowCount(renewals)).toBe(0);
  });

  it("refuses bad widget credentials and unknown fields", async () => {
    const badToken = await ctx.app.request("/v1/widget/renewals", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken: "x.y.z" }),
    });
    expect(badToken.status).toBe(401);
    expect((await widget("/v1/widget/renewals", { seats: 500 })).status).toBe(400);
    const secretAsPublishable = await ctx.app.request("/v1/widget/renewals", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.secretKey, userToken: await token(ctx.tenant, "admin") }),
    });
    expect(secretAsPublishable.status).toBe(401);
    expect(await rowCount(renewals)).toBe(0);
  });

  it("serves a plain page to come back to after a checkout", async () => {
    const res = await ctx.app.request("/v1/widget/renewals/return?tenure_renewal=ren_x&tenure_checkout=success");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("renewal is being confirmed");
  });
});

describe("not renewing", () => {
  it("stores the reason, hands the account to recovery, tells the vendor once and does not ask again this term", async () => {
    const res = await widget("/v1/widget/renewals/decline", { reason: "too_expensive", detail: "budget cut in Q1" });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await body(res)).declined).toMatchObject({ reason: "too_expensive", detail: "budget cut in Q1", userId: "u-1", recoveryStatus: "open" });
    const again = await widget("/v1/widget/renewals/decline", { reason: "budget" });
    expect(again.status).toBe(200);
    expect((await body(again)).declined.reason).toBe("too_expensive");
    const events = await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "renewal.declined"));
    expect(events).toHaveLength(1);
    expect(events[0]!.payload).toMatchObject({ data: { accountId: "acme", reason: "too_expensive", recovery: true } });
    const boot = await body(await widget("/v1/widget/bootstrap", {}));
    expect(boot.renewal.declined).toEqual({ reason: "too_expensive", at: ctx.clock.now });
    const listed = await body(await ctx.call("GET", "/v1/accounts/acme/renewals"));
    expect(listed.declines).toEqual([expect.objectContaining({ reason: "too_expensive", recoveryStatus: "open" })]);
  });

  it("hides the prompts only for the admin who declined: another admin sees who declined, can still renew, and answers for themself", async () => {
    // Both admins have opened the widget (so the first one's name is known).
    await widget("/v1/widget/bootstrap", {}, { sub: "ada", name: "Ada Park" });
    await widget("/v1/widget/bootstrap", {}, { sub: "lin", name: "Lin Wu" });
    const declined = await widget("/v1/widget/renewals/decline", { reason: "budget" }, { sub: "ada", name: "Ada Park" });
    expect(declined.status, await declined.clone().text()).toBe(201);
    const ada = await body(await widget("/v1/widget/bootstrap", {}, { sub: "ada", name: "Ada Park" }));
    expect(ada.renewal).toMatchObject({ declined: { reason: "budget", at: ctx.clock.now }, declinedBy: null });
    const lin = await body(await widget("/v1/widget/bootstrap", {}, { sub: "lin", name: "Lin Wu" }));
    expect(lin.renewal).toMatchObject({ declined: null, declinedBy: { name: "Ada Park", at: ctx.clock.now }, canRenew: true });
    const started = await widget("/v1/widget/renewals", {}, { sub: "lin", name: "Lin Wu" });
    expect(started.status, await started.clone().text()).toBe(201);
    // Lin's own answer is stored too; the vendor heard once, at the first decline.
    const second = await widget("/v1/widget/renewals/decline", { reason: "too_expensive" }, { sub: "lin", name: "Lin Wu" });
    expect(second.status, await second.clone().text()).toBe(201);
    expect(await ctx.db.select().from(webhookMessages).where(eq(webhookMessages.type, "renewal.declined"))).toHaveLength(1);
    expect(await rowCount(renewalDeclines)).toBe(2);
  });

  it("refuses a missing or unknown reason, and 'other' without words, writing nothing", async () => {
    for (const fields of [{}, { reason: "meh" }, { reason: "other" }, { reason: "other", detail: "   " }, { reason: "budget", detail: "x".repeat(1001) }]) {
      const res = await widget("/v1/widget/renewals/decline", fields);
      expect(res.status, JSON.stringify(fields)).toBe(400);
      expect((await body(res)).error.code).toBe("validation_failed");
    }
    expect(await rowCount(renewalDeclines)).toBe(0);
  });

  it("takes 'other' with free text", async () => {
    const res = await widget("/v1/widget/renewals/decline", { reason: "other", detail: "We are merging with another company" });
    expect(res.status, await res.clone().text()).toBe(201);
  });
});
