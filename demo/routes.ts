/**
 * The demo host app's routes under /demo: the dashboard, its assets, a token endpoint, the
 * billing page the renew button leads to (it "pays" and confirms the renewal to Tenure), a
 * help centre for the checklist's links, and a staff console over the vendor API.
 */
import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import type { AppEnv } from "../server/env.ts";
import { verifyRenewalLink } from "../server/services/renewals/providers.ts";
import { billingPage, paidPage } from "./pages/billing.ts";
import { dashboardPage } from "./pages/dashboard.ts";
import { helpPage } from "./pages/help.ts";
import { SCENARIOS } from "./scenarios.ts";
import type { MintToken } from "./seed.ts";
import type { DemoTenant } from "./tenant.ts";

const ASSETS: Record<string, string> = {
  "app.css": "text/css; charset=utf-8",
  "app.js": "text/javascript; charset=utf-8",
};

function asset(file: string): string {
  return readFileSync(new URL(`./public/${file}`, import.meta.url), "utf8");
}

/** A fresh nonce per page: the demo runs under the strict CSP vendors are told the widget supports. */
function nonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

export interface DemoDeps {
  tenant: DemoTenant;
  mint: MintToken;
}

/**
 * Mounts the demo. Routes must exist before the app first answers (Hono builds its router
 * then), but the tenant is found or created through that same app — hence the promise.
 */
export function mountDemo(app: Hono<AppEnv>, ready: Promise<DemoDeps>): void {
  app.get("/demo", (c) => c.redirect("/demo/"));
  app.get("/", (c) => c.redirect("/demo/"));

  app.get("/demo/", async (c) => {
    const { tenant, mint } = await ready;
    const scenario = SCENARIOS.find((s) => s.accountId === c.req.query("account")) ?? SCENARIOS[0]!;
    const user = scenario.users.find((u) => u.role === c.req.query("user")) ?? scenario.users[0]!;
    const userToken = await mint({ sub: user.sub, acct: scenario.accountId, role: user.role, name: user.name, email: user.email });
    const pageNonce = nonce();
    c.header("Content-Security-Policy", `script-src 'self' 'nonce-${pageNonce}'; style-src 'self'; object-src 'none'; base-uri 'none'`);
    return c.html(dashboardPage({ scenario, user, userToken, publishableKey: tenant.publishableKey, nonce: pageNonce }));
  });

  for (const [file, type] of Object.entries(ASSETS)) {
    const body = asset(file);
    app.get(`/demo/${file}`, (c) => c.body(body, 200, { "Content-Type": type, "Cache-Control": "no-cache" }));
  }

  // A vendor backend's token refresh, for `Tenure('identify', token)` after a session refresh.
  app.get("/demo/token", async (c) => {
    const { mint } = await ready;
    const scenario = SCENARIOS.find((s) => s.accountId === c.req.query("account"));
    const user = scenario?.users.find((u) => u.role === c.req.query("user"));
    if (!scenario || !user) return c.json({ error: { code: "not_found", message: "no such demo user", requestId: c.var.requestId } }, 404);
    return c.json({ userToken: await mint({ sub: user.sub, acct: scenario.accountId, role: user.role, name: user.name, email: user.email }) });
  });

  /** The vendor API, in-process, with the demo tenant's secret key (as Planboard's backend calls it). */
  async function vendor<T>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T | null }> {
    const { tenant } = await ready;
    const res = await app.request(path, {
      method,
      headers: { Authorization: `Bearer ${tenant.secretKey}`, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: text ? (JSON.parse(text) as T) : null };
  }

  /** The link as Tenure signed it (`url` provider), or null when it is not genuine or has expired. */
  async function signedLink(link: string) {
    const { tenant } = await ready;
    return verifyRenewalLink(link, tenant.identitySecret, Date.now()).catch(() => null);
  }

  app.get("/demo/billing", async (c) => {
    const params = await signedLink(c.req.url);
    const scenario = SCENARIOS.find((s) => s.accountId === (params?.account ?? c.req.query("account")));
    c.header("Content-Security-Policy", "script-src 'none'; style-src 'self'");
    return c.html(billingPage(scenario ?? null, params, c.req.url));
  });

  app.post("/demo/billing/pay", async (c) => {
    const form = await c.req.parseBody();
    const params = typeof form.link === "string" ? await signedLink(form.link) : null;
    const scenario = SCENARIOS.find((s) => s.accountId === params?.account) ?? null;
    c.header("Content-Security-Policy", "script-src 'none'; style-src 'self'");
    if (!params) return c.html(paidPage(scenario, { ok: false, message: "The renewal link is not valid any more. Start again from Planboard." }), 400);
    const path = `/v1/accounts/${encodeURIComponent(params.account)}/renewals/${encodeURIComponent(params.renewal)}/complete`;
    const answer = await vendor<{ error?: { message: string } }>("POST", path);
    const ok = answer.status === 200;
    return c.html(paidPage(scenario, { ok, message: answer.body?.error?.message ?? `Tenure answered ${answer.status}` }), ok ? 200 : 409);
  });

  app.get("/demo/help/:topic", (c) => {
    const referer = c.req.header("referer") ?? "";
    const back = referer.startsWith(new URL(c.req.url).origin + "/demo/") ? referer : "/demo/";
    const html = helpPage(c.req.param("topic"), back);
    c.header("Content-Security-Policy", "script-src 'none'; style-src 'self'");
    return html ? c.html(html) : c.notFound();
  });

  // The staff console replaced the demo's own admin page.
  app.get("/demo/admin", (c) => c.redirect("/console/", 301));
}
