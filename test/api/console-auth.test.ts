import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { auditLog, grants, staffSessions } from "../../server/db/schema/index.ts";
import { ABSOLUTE_TIMEOUT_MS, IDLE_TIMEOUT_MS } from "../../server/services/staff/sessions.ts";
import { SIGN_IN_LINK_TTL_MS } from "../../server/services/staff/sign-in-links.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { ORIGIN, signIn, signInLink, useLink } from "../support/console.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAccount(
    ctx,
    "acme-cn",
    { name: "Acme China", timezone: "Asia/Shanghai" },
    { seats: 20, startDate: "2026-01-01", endDate: "2026-12-31", amount: { value: 1_200_000, currency: "CNY" } },
  );
});
afterAll(() => ctx.close());

describe("console sign-in links", () => {
  it("sign in once: the second use and a use after 15 minutes are refused", async () => {
    const link = await signInLink(ctx, "once@vendor.example", "viewer");
    const first = await useLink(ctx, link);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toBe("/console/");
    const cookie = first.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/HttpOnly/);
    expect(cookie).toMatch(/SameSite=Lax/);
    expect(cookie).not.toMatch(/Secure/); // plain http here; Secure under https
    expect((await useLink(ctx, link)).status).toBe(400);

    const late = await signInLink(ctx, "late@vendor.example", "viewer");
    ctx.clock.now += SIGN_IN_LINK_TTL_MS;
    expect((await useLink(ctx, late)).status).toBe(400);
    ctx.clock.now -= SIGN_IN_LINK_TTL_MS;
  });

  it("opening the link changes nothing: the page posts the token back", async () => {
    const link = await signInLink(ctx, "preview@vendor.example", "viewer");
    const before = await dbFingerprint(ctx);
    const page = await ctx.app.request(link);
    expect(page.status).toBe(200);
    expect(page.headers.get("referrer-policy")).toBe("no-referrer");
    expect(await page.text()).toContain('method="post"');
    expect(await dbFingerprint(ctx)).toBe(before);
    expect((await useLink(ctx, link)).status).toBe(303);
  });

  it("refuses a sign-in posted from another site", async () => {
    const link = await signInLink(ctx, "csrf-login@vendor.example", "viewer");
    expect((await useLink(ctx, link, "https://evil.example")).status).toBe(403);
    expect((await useLink(ctx, link)).status).toBe(303);
  });

  it("sets Secure on the cookie under https", async () => {
    const link = await signInLink(ctx, "tls@vendor.example", "viewer");
    const token = new URL(link).searchParams.get("token")!;
    const res = await ctx.app.request("https://console.example/console/sign-in", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://console.example" },
      body: new URLSearchParams({ token }).toString(),
    });
    expect(res.headers.get("set-cookie")).toMatch(/Secure/);
  });
});

describe("console sessions", () => {
  it("needs a session for every API call", async () => {
    const res = await ctx.app.request(`${ORIGIN}/console/api/accounts`);
    expect(res.status).toBe(401);
    expect((await res.json()).error.code).toBe("unauthorized");
  });

  it("ends after 30 idle minutes, and after 12 hours even when busy", async () => {
    const idle = await signIn(ctx, "idle@vendor.example", "viewer");
    ctx.clock.now += IDLE_TIMEOUT_MS;
    expect((await idle.call("GET", "/console/api/me")).status).toBe(401);
    ctx.clock.now -= IDLE_TIMEOUT_MS;

    const busy = await signIn(ctx, "busy@vendor.example", "viewer");
    const start = ctx.clock.now;
    for (let t = start; t < start + ABSOLUTE_TIMEOUT_MS; t += IDLE_TIMEOUT_MS / 2) {
      ctx.clock.now = t;
      expect((await busy.call("GET", "/console/api/me")).status).toBe(200);
    }
    ctx.clock.now = start + ABSOLUTE_TIMEOUT_MS;
    expect((await busy.call("GET", "/console/api/me")).status).toBe(401);
    ctx.clock.now = start;
  });

  it("signs out everywhere: every session of the member ends", async () => {
    const a = await signIn(ctx, "twice@vendor.example", "csm");
    const token = new URL(
      await (await import("../../server/services/staff/sign-in-links.ts"))
        .mintSignInLink(ctx.db, {
          staff: (await ctx.db.query.staffMembers.findFirst({ where: (t, { eq }) => eq(t.email, "twice@vendor.example") }))!,
          baseUrl: ORIGIN,
          now: ctx.clock.now,
        })
        .then((l) => l.signInUrl),
    );
    const second = await useLink(ctx, token.toString());
    const cookieB = (second.headers.get("set-cookie") ?? "").split(";")[0]!;
    const res = await a.call("POST", "/console/api/sign-out-everywhere", {});
    expect(res.status, await res.clone().text()).toBe(200);
    expect((await res.json()).signedOut).toBe(2);
    expect((await a.call("GET", "/console/api/me")).status).toBe(401);
    expect((await ctx.app.request(`${ORIGIN}/console/api/me`, { headers: { cookie: cookieB } })).status).toBe(401);
    expect(await ctx.db.$count(staffSessions)).toBeGreaterThan(0); // others' sessions stay
  });

  it("refuses a write without the CSRF token or from another origin, and changes nothing", async () => {
    const csm = await signIn(ctx, "csrf@vendor.example", "csm");
    const before = await ctx.db.$count(grants);
    const gift = { type: "seats", seats: 2, reason: "test" };
    expect((await csm.call("POST", "/console/api/accounts/acme-cn/gifts", gift, { csrf: null })).status).toBe(403);
    expect((await csm.call("POST", "/console/api/accounts/acme-cn/gifts", gift, { csrf: "x".repeat(43) })).status).toBe(403);
    expect((await csm.call("POST", "/console/api/accounts/acme-cn/gifts", gift, { origin: "https://evil.example" })).status).toBe(403);
    expect(await ctx.db.$count(grants)).toBe(before);
  });

  it("signs in with a password once the member has set one", async () => {
    const csm = await signIn(ctx, "pw@vendor.example", "csm");
    expect((await csm.call("POST", "/console/api/password", { password: "short" })).status).toBe(400);
    expect((await csm.call("POST", "/console/api/password", { password: "a long enough passphrase" })).status).toBe(200);
    const attempt = (password: string) =>
      ctx.app.request(`${ORIGIN}/console/password-sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ tenantId: ctx.tenant.tenantId, email: "PW@vendor.example", password }),
      });
    expect((await attempt("wrong passphrase")).status).toBe(401);
    const ok = await attempt("a long enough passphrase");
    expect(ok.status).toBe(200);
    expect(ok.headers.get("set-cookie")).toMatch(/tenure_console=/);
  });

  it("slows password guessing: after 5 failures for an email, 429 with Retry-After, even for the right password", async () => {
    const csm = await signIn(ctx, "guess@vendor.example", "csm");
    expect((await csm.call("POST", "/console/api/password", { password: "the right passphrase" })).status).toBe(200);
    const attempt = (email: string, password: string) =>
      ctx.app.request(`${ORIGIN}/console/password-sign-in`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: ORIGIN },
        body: JSON.stringify({ tenantId: ctx.tenant.tenantId, email, password }),
      });
    // A success does not count against the member.
    for (let i = 0; i < 2; i++) expect((await attempt("guess@vendor.example", "the right passphrase")).status).toBe(200);
    const guesses = await Promise.all(Array.from({ length: 8 }, (_, i) => attempt("Guess@vendor.example", `guess ${i}`)));
    expect(guesses.map((r) => r.status).sort()).toEqual([401, 401, 401, 401, 401, 429, 429, 429]);
    const locked = await attempt("guess@vendor.example", "the right passphrase");
    expect(locked.status).toBe(429);
    expect(Number(locked.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(((await locked.json()) as { error: { code: string } }).error.code).toBe("rate_limited");
    // Another member is not affected; time lets the member back in.
    expect((await attempt("pw-other@vendor.example", "nope")).status).toBe(401);
    ctx.clock.now += 10 * 60_000;
    expect((await attempt("guess@vendor.example", "the right passphrase")).status).toBe(200);
  }, 90_000);
});

describe("roles, enforced on the server", () => {
  it("lets a viewer read but answers 403 to every write", async () => {
    const viewer = await signIn(ctx, "viewer@vendor.example", "viewer");
    expect((await viewer.call("GET", "/console/api/accounts")).status).toBe(200);
    expect((await viewer.call("GET", "/console/api/accounts/acme-cn")).status).toBe(200);
    for (const [method, path, body] of [
      ["POST", "/console/api/accounts/acme-cn/gifts", { type: "seats", seats: 1, reason: "x" }],
      ["POST", "/console/api/accounts/acme-cn/notes", { body: "hi" }],
      ["PUT", "/console/api/accounts/acme-cn/owner", { owner: "me" }],
      ["POST", "/console/api/renewals/ren_x/confirm", {}],
      ["PATCH", "/console/api/settings", { productName: "X" }],
      ["POST", "/console/api/staff", { email: "new@vendor.example", role: "owner" }],
    ] as const) {
      const res = await viewer.call(method, path, body);
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    expect((await viewer.call("GET", "/console/api/staff")).status).toBe(403);
    expect((await viewer.call("GET", "/console/api/settings")).status).toBe(403);
  });

  it("lets finance confirm invoices but not gift; a CSM gift but not confirm or manage staff", async () => {
    const finance = await signIn(ctx, "finance@vendor.example", "finance");
    expect((await finance.call("POST", "/console/api/accounts/acme-cn/gifts", { type: "seats", seats: 1, reason: "x" })).status).toBe(403);
    expect((await finance.call("POST", "/console/api/renewals/ren_missing/confirm", {})).status).toBe(404);
    const csm = await signIn(ctx, "csm@vendor.example", "csm");
    expect((await csm.call("POST", "/console/api/renewals/ren_missing/confirm", {})).status).toBe(403);
    expect((await csm.call("GET", "/console/api/staff")).status).toBe(403);
    expect((await csm.call("POST", "/console/api/accounts/acme-cn/notes", { body: "Called Li Wei: budget approved" })).status).toBe(201);
  });

  it("lets an owner add staff with a sign-in link, and another tenant's staff see none of this tenant", async () => {
    const owner = await signIn(ctx, "owner@vendor.example", "owner");
    const res = await owner.call("POST", "/console/api/staff", { email: "new@vendor.example", role: "csm" });
    expect(res.status, await res.clone().text()).toBe(201);
    expect((await res.json()).signInUrl).toMatch(/\/console\/sign-in\?token=/);
    const other = await ctx.createTenant("Other vendor");
    const stranger = await signIn(ctx, "owner@other.example", "owner", other.tenantId);
    expect((await stranger.call("GET", "/console/api/accounts/acme-cn")).status).toBe(404);
    expect((await (await stranger.call("GET", "/console/api/accounts")).json()).total).toBe(0);
  });
});

describe("a gift from the console", () => {
  it("previews, then lands in the ledger and the audit log with before and after", async () => {
    const csm = await signIn(ctx, "gifter@vendor.example", "csm");
    const preview = await csm.call("POST", "/console/api/accounts/acme-cn/gifts/preview", { type: "time", days: 30 });
    expect(preview.status, await preview.clone().text()).toBe(200);
    const p = await preview.json();
    expect(p.sentence).toBe("contract end stays until 31 Dec 2026 23:59 (Asia/Shanghai); access moves to 30 Jan 2027; renewal month and ARR unchanged");
    expect(p).toMatchObject({ renewalMonth: "2026-12", arr: { currency: "CNY", value: 1_200_000 }, after: { accessEndsAt: "2027-01-30T16:00:00.000Z" } });

    const res = await csm.call("POST", "/console/api/accounts/acme-cn/gifts", { type: "time", days: 30, reason: "migration delay" });
    expect(res.status, await res.clone().text()).toBe(201);
    const { grant } = await res.json();
    expect(grant).toMatchObject({ type: "time", days: 30, reason: "migration delay", createdBy: "staff:gifter@vendor.example" });
    const ledger = await (await ctx.call("GET", "/v1/accounts/acme-cn/grants")).json();
    expect(ledger.data.map((g: { id: string }) => g.id)).toContain(grant.id);
    const audit = await ctx.db.query.auditLog.findFirst({ where: (t, { eq }) => eq(t.action, "grant.create") });
    expect(audit).toMatchObject({
      actorEmail: "gifter@vendor.example",
      target: "account:acme-cn",
      before: { accessEndsAt: "2026-12-31T16:00:00.000Z" },
      after: { accessEndsAt: "2027-01-30T16:00:00.000Z" },
    });

    const revoke = await csm.call("POST", `/console/api/accounts/acme-cn/grants/${grant.id}/revoke`, { reason: "given by mistake" });
    expect(revoke.status, await revoke.clone().text()).toBe(200);
    const entitlement = await (await ctx.call("GET", "/v1/accounts/acme-cn/entitlement")).json();
    expect(entitlement.accessEndsAt).toBe("2026-12-31T16:00:00.000Z");
    expect(await ctx.db.$count(auditLog)).toBeGreaterThan(2);
  });
});
