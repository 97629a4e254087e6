import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CLOCK_TOLERANCE_SECONDS, signUserToken } from "../../server/lib/jwt.ts";
import { rotateIdentitySecret } from "../../server/services/tenants/rotate-identity-secret.ts";
import { rotateKey } from "../../server/services/tenants/rotate-key.ts";
import { updateTenant } from "../../server/services/tenants/update-tenant.ts";
import type { UserClaims } from "../../server/lib/jwt.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ settings: { renewalUrl: "https://billing.example.com/renew?account={accountId}" } });
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai", locale: "zh-CN" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

function claims(overrides: Partial<UserClaims> = {}): UserClaims {
  return { sub: "u1", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600, name: "Li Lei", ...overrides };
}

async function bootstrap(body: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", ...headers },
    body: JSON.stringify(body),
  });
}

async function withToken(token: string, headers?: Record<string, string>): Promise<Response> {
  return bootstrap({ publishableKey: ctx.tenant.publishableKey, userToken: token }, headers);
}

function base64url(text: string): string {
  return Buffer.from(text).toString("base64url");
}

describe("POST /v1/widget/bootstrap", () => {
  it("answers everything the widget renders from, with server time", async () => {
    const res = await withToken(await signUserToken(claims(), ctx.tenant.identitySecret));
    const text = await res.text();
    expect(res.status, text).toBe(200);
    const body = JSON.parse(text);
    expect(body.serverNow).toBe(ctx.clock.now);
    expect(res.headers.get("x-tenure-now")).toBe(String(ctx.clock.now));
    expect(body.entitlement.accessEndsAt).toBe(Date.parse("2026-12-31T16:00:00.000Z"));
    expect(body.account).toEqual({ id: "acme", name: "Acme", timezone: "Asia/Shanghai" });
    expect(body.locale).toBe("zh-CN");
    expect(body.user).toEqual({ id: "u1", role: "admin", name: "Li Lei", seated: true });
    expect(body.seats).toMatchObject({ purchased: 2, bonus: 0, licensed: 2, used: 1 });
    expect(body.renewal.url).toBe("https://billing.example.com/renew?account=acme");
    expect(res.headers.get("etag")).toBe(body.etag);
  });

  it("records each verified user as holding a seat, once", async () => {
    for (const sub of ["u1", "u2", "u2", "u3"]) await withToken(await signUserToken(claims({ sub }), ctx.tenant.identitySecret));
    const res = await ctx.call("GET", "/v1/accounts/acme/entitlement");
    expect(((await res.json()) as { seats: { used: number } }).seats.used).toBe(3);
  });

  it("shows seats only to admins", async () => {
    const res = await withToken(await signUserToken(claims({ role: "member" }), ctx.tenant.identitySecret));
    expect(((await res.json()) as { seats: unknown }).seats).toBeNull();
  });

  it("answers 304 when the widget's cached etag still holds", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    const first = (await (await withToken(token)).json()) as { etag: string };
    const again = await bootstrap({ publishableKey: ctx.tenant.publishableKey, userToken: token, ifNoneMatch: first.etag });
    expect(again.status).toBe(304);
    expect(again.headers.get("x-tenure-now")).toBe(String(ctx.clock.now));
    await ctx.call("PUT", "/v1/accounts/acme/contract", { body: { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" } });
    const changed = await bootstrap({ publishableKey: ctx.tenant.publishableKey, userToken: token, ifNoneMatch: first.etag });
    expect(changed.status).toBe(200);
  });

  it("reflects CORS for the tenant's origins, and on a refusal too so the page can read the reason", async () => {
    const limited = await ctx.createTenant("Limited", {}, ["https://app.acme.com"]);
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" }, limited.secretKey);
    const token = await signUserToken(claims(), limited.identitySecret);
    const allowed = await bootstrap({ publishableKey: limited.publishableKey, userToken: token }, { origin: "https://app.acme.com" });
    expect(allowed.status).toBe(200);
    expect(allowed.headers.get("access-control-allow-origin")).toBe("https://app.acme.com");
    const refused = await bootstrap({ publishableKey: limited.publishableKey, userToken: token }, { origin: "https://evil.example" });
    expect(refused.status).toBe(403);
    // The refusal carries no data, only the reason: the developer sees Tenure's message, not a bare CORS error.
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://evil.example");
    expect(((await refused.json()) as { error: { code: string; message: string } }).error).toMatchObject({
      code: "forbidden",
      message: "origin https://evil.example is not allowed for this key",
    });
  });
});

describe("user tokens that are refused", () => {
  const bad: Array<[string, () => Promise<string>]> = [
    ["an expired token", () => signUserToken(claims({ exp: Math.floor(ctx.clock.now / 1000) - 120 }), ctx.tenant.identitySecret)],
    ["a token valid for more than 24 hours", () => signUserToken(claims({ exp: Math.floor(ctx.clock.now / 1000) + 25 * 3600 }), ctx.tenant.identitySecret)],
    ["a token without exp", () => signUserToken({ ...claims(), exp: undefined } as unknown as UserClaims, ctx.tenant.identitySecret)],
    ["a token signed with another secret", () => signUserToken(claims(), "tis_not-the-secret")],
    ["an alg:none token", async () => `${base64url(JSON.stringify({ alg: "none", typ: "JWT" }))}.${base64url(JSON.stringify(claims()))}.`],
    [
      "a token whose payload was altered",
      async () => {
        const [h, , s] = (await signUserToken(claims({ role: "member" }), ctx.tenant.identitySecret)).split(".");
        return `${h}.${base64url(JSON.stringify(claims({ role: "admin" })))}.${s}`;
      },
    ],
    ["a token with an unknown role", () => signUserToken(claims({ role: "owner" as "admin" }), ctx.tenant.identitySecret)],
    ["garbage", async () => "not-a-jwt"],
  ];

  it.each(bad)("refuses %s with 401 and writes nothing", async (_name, make) => {
    const before = await dbFingerprint(ctx);
    const res = await withToken(await make(), { origin: "https://app.example" });
    const text = await res.text();
    expect(res.status, text).toBe(401);
    expect(JSON.parse(text).error.code).toBe(_name === "an expired token" ? "token_expired" : "unauthorized");
    expect(res.headers.get("access-control-allow-origin"), "the page may read why").toBe("https://app.example");
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("refuses a token from another tenant's identity secret", async () => {
    const other = await ctx.createTenant("Other");
    const res = await withToken(await signUserToken(claims(), other.identitySecret));
    expect(res.status).toBe(401);
  });

  it("does not reveal another tenant's account through a token for it", async () => {
    const other = await ctx.createTenant("Other");
    await seedAccount(ctx, "theirs", { name: "Theirs", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" }, other.secretKey);
    const res = await withToken(await signUserToken(claims({ acct: "theirs" }), ctx.tenant.identitySecret));
    expect(res.status).toBe(404);
  });

  it("refuses a secret key in place of the publishable key", async () => {
    const res = await bootstrap({ publishableKey: ctx.tenant.secretKey, userToken: await signUserToken(claims(), ctx.tenant.identitySecret) });
    expect(res.status).toBe(401);
  });

  it("refuses a body that is not JSON", async () => {
    const res = await ctx.app.request("/v1/widget/bootstrap", { method: "POST", body: "publishableKey=pk" });
    expect(res.status).toBe(400);
  });
});

describe("the bootstrap's short-lived memory", () => {
  it("never serves a state past its boundary, even within the memory's lifetime", async () => {
    await seedAccount(ctx, "edge", { name: "Edge", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-11-21", graceHours: 0 });
    ctx.clock.now = Date.parse("2026-11-21T23:59:59.900Z");
    const token = await signUserToken(claims({ acct: "edge" }), ctx.tenant.identitySecret);
    const before = (await (await withToken(token)).json()) as { entitlement: { state: string } };
    expect(before.entitlement.state).toBe("expiring");
    ctx.clock.now = Date.parse("2026-11-22T00:00:00.000Z");
    const after = (await (await withToken(token)).json()) as { entitlement: { state: string } };
    expect(after.entitlement.state).toBe("locked");
  });

  it("shows a vendor's write on the very next bootstrap", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    await withToken(token);
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", days: 10, reason: "sorry" } });
    const body = (await (await withToken(token)).json()) as { entitlement: { accessEndsAt: number } };
    expect(body.entitlement.accessEndsAt).toBe(Date.parse("2027-01-10T16:00:00.000Z"));
  });

  it("shows a user's own dismissal on the very next bootstrap", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    await withToken(token);
    const until = ctx.clock.now + 86_400_000;
    const saved = await ctx.app.request("/v1/widget/preferences", {
      method: "POST",
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken: token, bannerDismissedUntil: until }),
    });
    expect(saved.status, await saved.text()).toBe(200);
    const body = (await (await withToken(token)).json()) as { preferences: { bannerDismissedUntil: number } };
    expect(body.preferences.bannerDismissedUntil).toBe(until);
  });
});

describe("settings reach the widget", () => {
  it("lets members renew on the very next bootstrap after the vendor allows it", async () => {
    const token = await signUserToken(claims({ sub: "m1", role: "member" }), ctx.tenant.identitySecret);
    const before = (await (await withToken(token)).json()) as { renewal: { canRenew: boolean } };
    expect(before.renewal.canRenew).toBe(false);
    const patched = await ctx.call("PATCH", "/v1/settings", { body: { renewalRoles: ["admin", "member"] } });
    expect(patched.status, await patched.text()).toBe(200);
    const after = (await (await withToken(token)).json()) as { renewal: { canRenew: boolean } };
    expect(after.renewal.canRenew).toBe(true);
  });
});

// An open widget sends the same body on every read; the server remembers that the text
// checked out (services/widget/kept-calls.ts). Whatever could change the answer must still.
describe("the same bootstrap body, sent again", () => {
  async function again(token: string, origin?: string): Promise<{ status: number; code?: string }> {
    const res = await withToken(token, origin ? { origin } : {});
    const body = (await res.json()) as { error?: { code: string } };
    return { status: res.status, ...(body.error ? { code: body.error.code } : {}) };
  }

  it("is refused from a page origin the tenant does not list, or no longer lists", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    expect(await again(token, "https://app.acme.com")).toEqual({ status: 200 });
    expect(await again(token, "https://app.acme.com")).toEqual({ status: 200 });
    await updateTenant(ctx.db, { tenantId: ctx.tenant.tenantId, origins: ["https://app.acme.com"] });
    expect(await again(token, "https://app.acme.com")).toEqual({ status: 200 });
    // The origin is not in the body: the same text from another page is checked again.
    expect(await again(token, "https://evil.example")).toEqual({ status: 403, code: "forbidden" });
    expect(await again(token, "https://app.acme.com")).toEqual({ status: 200 });
    await updateTenant(ctx.db, { tenantId: ctx.tenant.tenantId, origins: ["https://other.acme.com"] });
    expect(await again(token, "https://app.acme.com")).toEqual({ status: 403, code: "forbidden" });
  });

  it("is refused once its publishable key is revoked", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    expect(await again(token)).toEqual({ status: 200 });
    await rotateKey(ctx.db, { tenantId: ctx.tenant.tenantId, kind: "publishable", now: ctx.clock.now });
    expect(await again(token)).toEqual({ status: 401, code: "unauthorized" });
  });

  it("is refused from the moment its token expires", async () => {
    const exp = Math.floor(ctx.clock.now / 1000) + 60;
    const token = await signUserToken(claims({ exp }), ctx.tenant.identitySecret);
    expect(await again(token)).toEqual({ status: 200 });
    // Accepted up to the clock tolerance past `exp`, not a moment longer.
    ctx.clock.now = (exp + CLOCK_TOLERANCE_SECONDS) * 1000 - 1;
    expect(await again(token)).toEqual({ status: 200 });
    ctx.clock.now += 1;
    expect(await again(token)).toEqual({ status: 401, code: "token_expired" });
  });

  it("signed with a rotated-out secret, is refused when the overlap ends", async () => {
    const token = await signUserToken(claims(), ctx.tenant.identitySecret);
    await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 10_000, now: ctx.clock.now });
    expect(await again(token)).toEqual({ status: 200 });
    ctx.clock.now += 9_999;
    expect(await again(token)).toEqual({ status: 200 });
    ctx.clock.now += 1;
    expect(await again(token)).toEqual({ status: 401, code: "unauthorized" });
  });
});
