import type { TestContext } from "./api.ts";
import { addStaff } from "../../server/services/staff/members.ts";
import { mintSignInLink } from "../../server/services/staff/sign-in-links.ts";
import type { StaffRole } from "../../shared/staff/roles.ts";

export const ORIGIN = "http://localhost";

/** A signed-in console client over `app.request`: cookie and CSRF token kept like a browser would. */
export interface StaffClient {
  cookie: string;
  csrf: string;
  call(method: string, path: string, body?: unknown, options?: { csrf?: string | null; origin?: string | null }): Promise<Response>;
}

export async function signInLink(ctx: TestContext, email: string, role: StaffRole, tenantId = ctx.tenant.tenantId): Promise<string> {
  const staff = await addStaff(ctx.db, { tenantId, email, role, now: ctx.clock.now });
  return (await mintSignInLink(ctx.db, { staff, baseUrl: ORIGIN, now: ctx.clock.now })).signInUrl;
}

/** Posts a link's token as the sign-in page does; answers the response (303 + cookie on success). */
export async function useLink(ctx: TestContext, link: string, origin: string | null = ORIGIN): Promise<Response> {
  const token = new URL(link).searchParams.get("token") ?? "";
  return ctx.app.request(`${ORIGIN}/console/sign-in`, {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
    body: new URLSearchParams({ token }).toString(),
  });
}

export async function signIn(ctx: TestContext, email: string, role: StaffRole, tenantId?: string): Promise<StaffClient> {
  const res = await useLink(ctx, await signInLink(ctx, email, role, tenantId));
  if (res.status !== 303) throw new Error(`sign-in failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0]!;
  const client: StaffClient = {
    cookie,
    csrf: "",
    async call(method, path, body, options = {}) {
      const headers: Record<string, string> = { cookie };
      const csrf = options.csrf === undefined ? client.csrf : options.csrf;
      if (csrf) headers["x-csrf-token"] = csrf;
      const origin = options.origin === undefined ? ORIGIN : options.origin;
      if (origin) headers.origin = origin;
      if (body !== undefined) headers["content-type"] = "application/json";
      return ctx.app.request(`${ORIGIN}${path}`, { method, headers, ...(body !== undefined ? { body: JSON.stringify(body) } : {}) });
    },
  };
  const me = (await (await client.call("GET", "/console/api/me")).json()) as { csrfToken: string };
  client.csrf = me.csrfToken;
  return client;
}
