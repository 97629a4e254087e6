/**
 * Seeds the demo tenant's accounts through the public API with the secret key — exactly
 * what a vendor's backend would do — and signs teammates in through the widget route so
 * seats are in use.
 */
import { DEMO_PLANS } from "./plans.ts";
import { contractBody, SCENARIOS } from "./scenarios.ts";
import type { Scenario } from "./scenarios.ts";

/** A request to Tenure: `app.request` in-process, or `fetch` against a URL. */
export type Requester = (path: string, init: RequestInit) => Promise<Response>;

export interface SeedKeys {
  publishableKey: string;
  secretKey: string;
}

export type MintToken = (claims: { sub: string; acct: string; role: "admin" | "member"; name?: string; email?: string }) => Promise<string>;

async function call(request: Requester, secretKey: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const res = await request(path, {
    method,
    headers: { Authorization: `Bearer ${secretKey}`, "Content-Type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return text ? JSON.parse(text) : null;
}

/** Puts one scenario's account, contract, bonus seats and seated teammates in place. */
export async function seedScenario(request: Requester, keys: SeedKeys, mint: MintToken, scenario: Scenario, now: number): Promise<void> {
  const base = `/v1/accounts/${encodeURIComponent(scenario.accountId)}`;
  // A contract names a defined plan: define it first (PUT is idempotent).
  const plan = DEMO_PLANS[scenario.plan] ?? { name: scenario.plan, features: {} };
  await call(request, keys.secretKey, "PUT", `/v1/plans/${encodeURIComponent(scenario.plan)}`, plan);
  await call(request, keys.secretKey, "PUT", base, scenario.account);
  await call(request, keys.secretKey, "PUT", `${base}/contract`, contractBody(scenario, now));
  if (scenario.bonusSeats) {
    const grants = (await call(request, keys.secretKey, "GET", `${base}/grants`)) as { data: Array<{ type: string }> };
    if (!grants.data.some((grant) => grant.type === "seats")) {
      await call(request, keys.secretKey, "POST", `${base}/grants`, { type: "seats", seats: scenario.bonusSeats, reason: "Buy 10, get 2: launch promotion" });
    }
  }
  const teammates = Array.from({ length: scenario.otherSeatedUsers ?? 0 }, (_, i) => ({ sub: `teammate-${i + 1}`, role: "member" as const }));
  for (const user of [...scenario.users, ...teammates]) {
    const userToken = await mint({ ...user, acct: scenario.accountId });
    const res = await request("/v1/widget/bootstrap", {
      method: "POST",
      headers: { "Content-Type": "text/plain" },
      body: JSON.stringify({ publishableKey: keys.publishableKey, userToken }),
    });
    if (!res.ok) throw new Error(`signing in ${user.sub}@${scenario.accountId} → ${res.status}: ${await res.text()}`);
  }
}

export async function seedAll(request: Requester, keys: SeedKeys, mint: MintToken, now: number): Promise<void> {
  for (const scenario of SCENARIOS) await seedScenario(request, keys, mint, scenario, now);
}
