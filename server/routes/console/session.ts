import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { TenureError } from "../../../shared/errors.ts";
import { can } from "../../../shared/staff/roles.ts";
import type { Permission } from "../../../shared/staff/roles.ts";
import type { AppEnv } from "../../env.ts";
import type { Actor } from "../../services/staff/audit.ts";
import { ABSOLUTE_TIMEOUT_MS, validateSession } from "../../services/staff/sessions.ts";
import type { StaffSession } from "../../services/staff/sessions.ts";
import { tenantContext } from "../../services/staff/tenant-context.ts";

export interface ConsoleEnv {
  Variables: AppEnv["Variables"] & { session: StaffSession; actor: Actor };
}

export const SESSION_COOKIE = "tenure_console";
export const CSRF_HEADER = "x-csrf-token";

function isHttps(c: Context): boolean {
  return new URL(c.req.url).protocol === "https:" || c.req.header("x-forwarded-proto") === "https";
}

/** HttpOnly, SameSite=Lax, scoped to /console, Secure under https; it dies with the session's absolute end. */
export function setSessionCookie(c: Context, token: string): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: "Lax",
    secure: isHttps(c),
    path: "/console",
    maxAge: Math.floor(ABSOLUTE_TIMEOUT_MS / 1000),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { path: "/console", secure: isHttps(c) });
}

/**
 * Unsafe methods must come from the console's own origin. Browsers say so in
 * `Sec-Fetch-Site`; an `Origin` other than ours (or `null`, which a no-referrer page sends)
 * must then be backed by `Sec-Fetch-Site: same-origin`, and without that header `Origin`
 * must be ours. This is what stops a cross-site form from posting to sign-in; API writes
 * also need the session's CSRF token (`requireStaff`).
 */
export const sameOriginWrites: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  if (c.req.method !== "GET" && c.req.method !== "HEAD") {
    const origin = c.req.header("origin");
    const fetchSite = c.req.header("sec-fetch-site");
    const own = new URL(c.req.url).origin;
    const foreignOrigin = origin !== undefined && origin !== "null" && origin !== own;
    const sameSite = !foreignOrigin && (fetchSite ? fetchSite === "same-origin" : origin === own);
    if (!sameSite) throw new TenureError("forbidden", "cross-site request refused");
  }
  await next();
};

/** Every console API call: a live session; every write also its CSRF token in `X-CSRF-Token`. */
export const requireStaff: MiddlewareHandler<ConsoleEnv> = async (c, next) => {
  const deps = c.get("deps");
  const token = getCookie(c, SESSION_COOKIE);
  const session = token ? await validateSession(deps.db, { token, now: deps.clock() }) : null;
  if (!session) {
    if (token) clearSessionCookie(c);
    throw new TenureError("unauthorized", "sign in to the console (ask an owner for a sign-in link)");
  }
  if (c.req.method !== "GET" && c.req.method !== "HEAD" && c.req.header(CSRF_HEADER) !== session.csrfToken) {
    throw new TenureError("forbidden", "missing or wrong CSRF token");
  }
  c.set("session", session);
  c.set("tenant", await tenantContext(deps.db, session.staff.tenantId));
  c.set("actor", { tenantId: session.staff.tenantId, staffId: session.staff.id, email: session.staff.email, requestId: c.get("requestId") });
  c.header("Cache-Control", "no-store");
  await next();
};

/** The role check, on the server, per route. */
export function requirePermission(permission: Permission): MiddlewareHandler<ConsoleEnv> {
  return async (c, next) => {
    const role = c.get("session").staff.role;
    if (!can(role, permission)) throw new TenureError("forbidden", `your role (${role}) may not do this`);
    await next();
  };
}
