import { Hono } from "hono";
import type { Context } from "hono";
import { TenureError } from "../../../shared/errors.ts";
import { readJson } from "../../lib/body.ts";
import { TokenBuckets, rateLimited } from "../../lib/rate-limit.ts";
import { passwordSignInBody } from "../../../shared/schemas/console.ts";
import { writeAudit } from "../../services/staff/audit.ts";
import { findStaffByEmail } from "../../services/staff/members.ts";
import { verifyPassword } from "../../services/staff/password.ts";
import { createSession } from "../../services/staff/sessions.ts";
import type { StaffRow } from "../../services/staff/members.ts";
import { consumeSignInLink } from "../../services/staff/sign-in-links.ts";
import { TOKEN_PATTERN, newToken } from "../../services/staff/tokens.ts";
import { setSessionCookie } from "./session.ts";
import type { ConsoleEnv } from "./session.ts";

/** The console's pages: the app shell, its built files, and sign-in by link or password. */
export const consolePageRoutes = new Hono<ConsoleEnv>();

const APP_CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function page(c: Context<ConsoleEnv>, status: 200 | 400, title: string, body: string, nonce?: string): Response {
  const csp = `default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'${nonce ? `; script-src 'nonce-${nonce}'` : ""}`;
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${title} · Tenure console</title>
<style>body{font:16px/1.5 system-ui,sans-serif;margin:0;display:grid;place-items:center;min-height:100vh;background:#f4f6fa;color:#1c2230}main{background:#fff;padding:32px;border-radius:12px;box-shadow:0 2px 12px #0001;max-width:420px}button{font:inherit;padding:10px 18px;border:0;border-radius:8px;background:#2457d6;color:#fff;cursor:pointer}a{color:#2457d6}</style></head>
<body><main>${body}</main></body></html>`;
  return c.html(html, status, { "Content-Security-Policy": csp, "Referrer-Policy": "no-referrer", "Cache-Control": "no-store" });
}

async function serveFile(c: Context<ConsoleEnv>, file: string, type: string, cacheControl: string, extra: Record<string, string> = {}): Promise<Response> {
  const response = await c.get("deps").assets?.(`console/${file}`);
  if (!response) throw new TenureError("not_found", "the console is not built; run npm run build");
  return c.body(await response.arrayBuffer(), 200, { "Content-Type": type, "Cache-Control": cacheControl, ...extra });
}

/** `/console/` itself (mounted in app.ts: a sub-app's "/" is `/console`, without the slash). */
export function consoleIndex(c: Context<ConsoleEnv>): Promise<Response> {
  return serveFile(c, "index.html", "text/html; charset=utf-8", "no-cache", {
    "Content-Security-Policy": APP_CSP,
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",
  });
}

consolePageRoutes.get("/", (c) => c.redirect("/console/", 301));
consolePageRoutes.get("/index.html", (c) => c.redirect("/console/", 301));

const ASSET_NAME = /^[A-Za-z0-9_.-]+\.(js|css)$/;
consolePageRoutes.get("/assets/:name", (c) => {
  const name = c.req.param("name");
  if (!ASSET_NAME.test(name) || name.includes("..")) throw new TenureError("not_found", "no such console file");
  const type = name.endsWith(".css") ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8";
  return serveFile(c, `assets/${name}`, type, "public, max-age=31536000, immutable");
});

/**
 * Opening a link shows a page that posts the token back: the link's GET changes nothing, so a
 * mail scanner or link preview that fetches it cannot use it up. A browser submits at once.
 */
consolePageRoutes.get("/sign-in", (c) => {
  const token = c.req.query("token") ?? "";
  if (!TOKEN_PATTERN.test(token)) return page(c, 400, "Sign-in link not valid", `<h1>This sign-in link is not valid</h1><p>Ask an owner for a new one.</p>`);
  const nonce = newToken();
  return page(
    c,
    200,
    "Sign in",
    `<h1>Sign in to the Tenure console</h1><form method="post" action="/console/sign-in"><input type="hidden" name="token" value="${token}"><button type="submit">Sign in</button></form><script nonce="${nonce}">document.forms[0].submit()</script>`,
    nonce,
  );
});

async function startSession(c: Context<ConsoleEnv>, staff: StaffRow, how: string): Promise<void> {
  const deps = c.get("deps");
  const now = deps.clock();
  const { token } = await createSession(deps.db, { staff, now });
  setSessionCookie(c, token);
  await writeAudit(
    deps.db,
    { tenantId: staff.tenantId, staffId: staff.id, email: staff.email, requestId: c.get("requestId") },
    { action: "session.sign_in", target: `staff:${staff.email}`, after: { how } },
    now,
  );
}

consolePageRoutes.post("/sign-in", async (c) => {
  const form = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>);
  const token = typeof form.token === "string" ? form.token : "";
  const deps = c.get("deps");
  const staff = await consumeSignInLink(deps.db, { token, now: deps.clock() });
  if (!staff) {
    return page(
      c,
      400,
      "Sign-in link used or expired",
      `<h1>This sign-in link was already used or has expired</h1><p>Links work once, for 15 minutes. Ask an owner for a new one, or run <code>npm run tenure -- staff link --tenant … --email …</code>.</p>`,
    );
  }
  await startSession(c, staff, "link");
  return c.redirect("/console/", 303);
});

/**
 * Failed password sign-ins per workspace and email: 5 at once, then one every 3 minutes, so
 * guessing a password is slow. Kept per process (and per app, so tests are apart); a sign-in
 * link still works for someone locked out by another's guesses.
 */
const FAILED_SIGN_INS = { burst: 5, perSecond: 1 / 180 };
const signInFailures = new WeakMap<object, TokenBuckets>();

consolePageRoutes.post("/password-sign-in", async (c) => {
  const body = await readJson(c, passwordSignInBody);
  const deps = c.get("deps");
  let failures = signInFailures.get(deps);
  if (!failures) signInFailures.set(deps, (failures = new TokenBuckets(FAILED_SIGN_INS.perSecond, FAILED_SIGN_INS.burst)));
  const key = `${body.tenantId}\u0000${body.email.toLowerCase()}`;
  // Charged up front, so parallel guesses can't all slip past the count; refunded on success.
  const allowed = failures.take(key, 1, deps.clock());
  if (!allowed.ok) throw rateLimited("too many failed sign-ins for this email: wait, or ask an owner for a sign-in link", allowed.retryAfterSeconds);
  const staff = await findStaffByEmail(deps.db, body.tenantId, body.email).catch(() => null);
  // The same answer for an unknown member, a member without a password and a wrong password.
  if (!staff?.passwordHash || !(await verifyPassword(body.password, staff.passwordHash)))
    throw new TenureError("unauthorized", "wrong workspace, email or password");
  failures.refund(key, 1);
  await startSession(c, staff, "password");
  return c.json({ signedIn: true });
});
