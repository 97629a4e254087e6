import type { Db } from "../../server/db/client.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { BenchRequest } from "./http.ts";

/** What the load generator sends: requests that each answer 2xx against the seeded data. */
export interface SeededRequests {
  entitlement: BenchRequest[];
  bootstrap: BenchRequest[];
  /** `POST /v1/accounts/{id}/check`, when the server has that route. */
  check?: BenchRequest[];
}

/** The plan every bench contract names: a switch and a metered feature (read from rollups on each check). */
export const BENCH_PLAN = {
  name: "Business",
  features: {
    sso: { type: "boolean" },
    exports: { type: "metered", limit: 1_000_000, event: "report.exported", period: "month" },
  },
} as const;

/** Checks cycled per account: the switch (no database work) and the metered feature (one rollup read). */
export function checkRequests(accountId: string, secretKey: string): BenchRequest[] {
  return ["sso", "exports"].map((feature) => ({
    method: "POST",
    path: `/v1/accounts/${accountId}/check`,
    headers: { authorization: `Bearer ${secretKey}`, "content-type": "application/json" },
    body: JSON.stringify({ feature }),
  }));
}

const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"];

async function send(baseUrl: string, method: string, path: string, key: string, body: unknown): Promise<void> {
  const response = await fetch(`${baseUrl}${path}`, {
    method,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (response.status >= 300) throw new Error(`seed ${method} ${path}: ${response.status} ${await response.text()}`);
}

/**
 * A tenant with `accounts` accounts (contract, a seat gift and a time gift each) and
 * `usersPerAccount` users (the first an admin), all written through the HTTP API like a
 * vendor would, users made known by one bootstrap each.
 */
export async function seedThroughApi(db: Db, baseUrl: string, options: { accounts: number; usersPerAccount: number; now: number }): Promise<SeededRequests> {
  const tenant = await createTenant(db, { name: "Bench SaaS", origins: [], now: options.now });
  const entitlement: BenchRequest[] = [];
  const bootstrap: BenchRequest[] = [];
  const check: BenchRequest[] = [];
  const exp = Math.floor(options.now / 1000) + 6 * 3600;
  await send(baseUrl, "PUT", "/v1/plans/Business", tenant.secretKey, BENCH_PLAN);
  for (let a = 0; a < options.accounts; a++) {
    const id = `acct-${a}`;
    const key = tenant.secretKey;
    await send(baseUrl, "PUT", `/v1/accounts/${id}`, key, { name: `Customer ${a}`, timezone: ZONES[a % ZONES.length] });
    await send(baseUrl, "PUT", `/v1/accounts/${id}/contract`, key, { seats: 50, startDate: "2026-01-01", endDate: "2026-12-31", plan: "Business" });
    await send(baseUrl, "POST", `/v1/accounts/${id}/grants`, key, { type: "seats", seats: 5, reason: "buy 50, get 5" });
    await send(baseUrl, "POST", `/v1/accounts/${id}/grants`, key, { type: "time", days: 14, reason: "onboarding delay" });
    entitlement.push({ method: "GET", path: `/v1/accounts/${id}/entitlement`, headers: { authorization: `Bearer ${key}` } });
    check.push(...checkRequests(id, key));
    for (let u = 0; u < options.usersPerAccount; u++) {
      const role = u === 0 ? "admin" : "member";
      const userToken = await signUserToken({ sub: `user-${a}-${u}`, acct: id, role, exp, name: `User ${u}` }, tenant.identitySecret);
      const request: BenchRequest = {
        method: "POST",
        path: "/v1/widget/bootstrap",
        headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.bench.example" },
        body: JSON.stringify({ publishableKey: tenant.publishableKey, userToken }),
      };
      const first = await fetch(`${baseUrl}${request.path}`, { method: "POST", headers: request.headers, body: request.body });
      if (first.status !== 200) throw new Error(`seed bootstrap: ${first.status} ${await first.text()}`);
      bootstrap.push(request);
    }
  }
  return { entitlement, bootstrap, check };
}
