/** The demo host app's routes under /demo: the dashboard, its assets, a token endpoint and a billing page. */
import { readFileSync } from "node:fs";
import type { Hono } from "hono";
import type { AppEnv } from "../server/env.ts";
import { billingPage } from "./pages/billing.ts";
import { dashboardPage } from "./pages/dashboard.ts";
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

  app.get("/demo/billing", (c) => {
    const scenario = SCENARIOS.find((s) => s.accountId === c.req.query("account"));
    c.header("Content-Security-Policy", "script-src 'none'; style-src 'self'");
    return c.html(billingPage(scenario ?? null));
  });
}
