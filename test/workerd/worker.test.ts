/**
 * The Worker entry in real workerd (Miniflare) over a real libSQL server (sqld), both on
 * 127.0.0.1: the bundle is built the way wrangler builds it, with the settings in
 * wrangler.toml, and every call goes over HTTP. Tenants are created from Node (the Worker has
 * no CLI) against the same sqld, as the CLI would with `DATABASE_URL=http://…`.
 */
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";
import type { Client } from "@libsql/client";
import { createLocalJWKSet, jwtVerify } from "jose";
import type { JSONWebKeySet } from "jose";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../../server/db/client.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { bundleWorker, readWranglerSettings, widgetAssetsDir } from "./bundle.ts";
import { startSqld } from "./sqld.ts";
import type { Sqld } from "./sqld.ts";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "../../server/lib/secret-box.ts";
import { attachSecretBox } from "../../server/services/tenants/secrets.ts";

const ENCRYPTION_KEY = generateEncryptionKey();

const ACCOUNT = "acme-cn";
const CONTRACT_ENDS = "2026-12-31T16:00:00.000Z"; // endDate 2026-12-31, last day inclusive, Asia/Shanghai

let scratch: string;
let sqld: Sqld | undefined;
let seedClient: Client | undefined;
let mf: Miniflare | undefined;
let baseUrl: URL;
let assets: { dir: string; placeholder: boolean };
let tenant: CreatedTenant;
let otherTenant: CreatedTenant;

async function call(method: string, path: string, options: { key?: string | null; body?: unknown } = {}): Promise<Response> {
  const headers: Record<string, string> = {};
  const key = options.key === undefined ? tenant.secretKey : options.key;
  if (key) headers.authorization = `Bearer ${key}`;
  if (options.body !== undefined) headers["content-type"] = "application/json";
  return fetch(new URL(path, baseUrl), {
    method,
    headers,
    ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    signal: AbortSignal.timeout(20_000),
  });
}

/** The first request boots the isolate (connect + migrate); wait for it with bounded retries. */
async function waitForWorker(): Promise<void> {
  let last = "no answer";
  for (let attempt = 0; attempt < 50; attempt++) {
    try {
      const response = await fetch(new URL("/healthz", baseUrl), { signal: AbortSignal.timeout(5_000) });
      if (response.ok) return;
      last = `${response.status} ${await response.text()}`;
    } catch (error) {
      last = String(error);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  throw new Error(`the Worker did not become ready: ${last}`);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tenure-workerd-"));
  const wrangler = readWranglerSettings();
  sqld = await startSqld(); // assigned at once, so afterAll stops it whatever fails next
  const script = await bundleWorker(wrangler.main, join(scratch, "bundle"));
  assets = widgetAssetsDir(wrangler.assetsDirectory, scratch);

  seedClient = createClient({ url: sqld.url });
  await migrate(seedClient);
  const db = createDb(seedClient);
  attachSecretBox(db, await createSecretBox(parseKeyRing(ENCRYPTION_KEY))); // the Worker gets the same key
  tenant = await createTenant(db, { name: "Acme SaaS", origins: [], now: Date.now() });
  otherTenant = await createTenant(db, { name: "Other Vendor", origins: [], now: Date.now() });

  mf = new Miniflare({
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script), // module names must not climb out of this root
    compatibilityDate: wrangler.compatibilityDate,
    compatibilityFlags: wrangler.compatibilityFlags,
    bindings: { DATABASE_URL: sqld.url, TENURE_ENCRYPTION_KEY: ENCRYPTION_KEY },
    // `run_worker_first = true` in wrangler.toml: the Worker answers every path itself.
    assets: {
      directory: assets.dir,
      binding: wrangler.assetsBinding,
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
    host: "127.0.0.1",
    port: 0,
  });
  baseUrl = await mf.ready;
  await waitForWorker();
}, 120_000);

afterAll(async () => {
  // Each step runs even if an earlier one failed, so nothing is left running.
  await mf?.dispose().catch((error: unknown) => console.warn("miniflare dispose:", error));
  seedClient?.close();
  await sqld?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 30_000);

describe("the Worker in workerd over sqld", { timeout: 60_000 }, () => {
  it("upserts an account, sets its contract and records grants", async () => {
    const account = await call("PUT", `/v1/accounts/${ACCOUNT}`, { body: { name: "Acme China", timezone: "Asia/Shanghai" } });
    expect(account.status, await account.clone().text()).toBe(201);
    expect(await account.json()).toMatchObject({ id: ACCOUNT, timezone: "Asia/Shanghai" });

    const contract = await call("PUT", `/v1/accounts/${ACCOUNT}/contract`, {
      body: { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", lockMode: "soft" },
    });
    expect(contract.status, await contract.text()).toBe(201);

    const seats = await call("POST", `/v1/accounts/${ACCOUNT}/grants`, { body: { type: "seats", seats: 2, reason: "buy 10, get 2" } });
    expect(seats.status, await seats.text()).toBe(201);
    const time = await call("POST", `/v1/accounts/${ACCOUNT}/grants`, { body: { type: "time", days: 7, reason: "migration delay" } });
    expect(time.status, await time.text()).toBe(201);
  });

  it("keeps the whole last day in Asia/Shanghai and extends access, not the contract, by a time grant", async () => {
    const response = await call("GET", `/v1/accounts/${ACCOUNT}/entitlement?at=2026-11-21T08:00:00.000Z`);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({
      state: "active",
      contractEndsAt: CONTRACT_ENDS,
      accessEndsAt: "2027-01-07T16:00:00.000Z",
      timezone: "Asia/Shanghai",
      lockMode: "soft",
      seats: { purchased: 10, bonus: 2, licensed: 12 },
    });
  });

  it("answers bad input with a 4xx in the one error shape", async () => {
    const response = await call("PUT", `/v1/accounts/${ACCOUNT}/contract`, {
      body: { seats: 10, startDate: "2026-01-01", endDate: "2026-13-45" },
    });
    const text = await response.text();
    expect(response.status, text).toBe(400);
    const body = JSON.parse(text) as { error: { code: string; message: string; requestId: string } };
    expect(body.error).toMatchObject({ code: "validation_failed", message: expect.stringContaining("endDate") });
    expect(body.error.requestId).toMatch(/^req_/);

    const anonymous = await call("GET", `/v1/accounts/${ACCOUNT}/entitlement`, { key: null });
    expect(anonymous.status, await anonymous.clone().text()).toBe(401);
    expect(await anonymous.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("signs the entitlement with jose in workerd, verifiable against the JWKS it serves", async () => {
    const response = await call("GET", `/v1/accounts/${ACCOUNT}/entitlement/token`);
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const { entitlementToken } = JSON.parse(text) as { entitlementToken: string };
    const keys = await fetch(new URL(`/v1/tenants/${tenant.tenantId}/jwks.json`, baseUrl), { signal: AbortSignal.timeout(20_000) });
    expect(keys.status).toBe(200);
    const { payload, protectedHeader } = await jwtVerify(entitlementToken, createLocalJWKSet((await keys.json()) as JSONWebKeySet), {
      audience: tenant.tenantId,
      algorithms: ["EdDSA"],
    });
    expect(protectedHeader).toMatchObject({ alg: "EdDSA", kid: expect.stringMatching(/^sig_/) });
    expect(payload).toMatchObject({ sub: ACCOUNT, contractEndsAt: CONTRACT_ENDS });
  });

  it("answers and counts every batch written straight to the database, however many arrive at once", async () => {
    // More concurrent requests than the libSQL client's default of 20 calls in flight: a request
    // must never wait on a slot freed by another request's I/O (workerd cancels it as hung).
    const batches = 40;
    const size = 25;
    const send = (): Promise<Array<{ status: number; body: { accepted?: number; duplicates?: number } }>> =>
      Promise.all(
        Array.from({ length: batches }, async (_, b) => {
          const events = Array.from({ length: size }, (_, i) => ({
            id: `burst-${b}-${i}`,
            accountId: ACCOUNT,
            userId: `u${i % 4}`,
            name: i % 2 ? "session" : "report.exported",
          }));
          const response = await call("POST", "/v1/events", { body: { events } });
          const text = await response.text();
          return {
            status: response.status,
            body: (response.headers.get("content-type")?.includes("json") ? JSON.parse(text) : { text }) as { accepted?: number; duplicates?: number },
          };
        }),
      );
    const first = await send();
    expect(first.filter((answer) => answer.status !== 202)).toEqual([]);
    const stored = await seedClient!.execute({
      sql: "SELECT count(*) AS n FROM usage_events WHERE tenant_id = ? AND event_id LIKE 'burst-%'",
      args: [tenant.tenantId],
    });
    expect(Number(stored.rows[0]!.n)).toBe(batches * size);
    expect(first.reduce((sum, answer) => sum + (answer.body.accepted ?? 0), 0)).toBe(batches * size);
    // The vendor resends them all at once: nothing new, every event a duplicate.
    const again = await send();
    expect(again.filter((answer) => answer.status !== 202)).toEqual([]);
    expect(again.reduce((sum, answer) => sum + (answer.body.accepted ?? 0), 0)).toBe(0);
    expect(again.reduce((sum, answer) => sum + (answer.body.duplicates ?? 0), 0)).toBe(batches * size);
  });

  it("does not show one tenant's account to another tenant's key", async () => {
    const response = await call("GET", `/v1/accounts/${ACCOUNT}/entitlement`, { key: otherTenant.secretKey });
    expect(response.status, await response.clone().text()).toBe(404);
    expect(await response.json()).toMatchObject({ error: { code: "not_found" } });
  });

  it("bootstraps the widget for a user with a signed token", async () => {
    const exp = Math.floor(Date.now() / 1000) + 3600;
    const userToken = await signUserToken({ sub: "u-1", acct: ACCOUNT, role: "admin", exp, name: "Li Wei" }, tenant.identitySecret);
    const response = await fetch(new URL("/v1/widget/bootstrap", baseUrl), {
      method: "POST",
      headers: { "content-type": "text/plain", origin: "https://app.acme.example" },
      body: JSON.stringify({ publishableKey: tenant.publishableKey, userToken }),
      signal: AbortSignal.timeout(20_000),
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("access-control-allow-origin")).toBe("https://app.acme.example");
    const body = JSON.parse(text) as { etag: string; user: unknown; account: unknown; entitlement: { contractEndsAt: number }; seats: unknown };
    expect(body.user).toMatchObject({ id: "u-1", role: "admin" });
    expect(body.account).toMatchObject({ id: ACCOUNT, timezone: "Asia/Shanghai" });
    expect(body.entitlement.contractEndsAt).toBe(Date.parse(CONTRACT_ENDS));
    expect(body.seats).toMatchObject({ purchased: 10, bonus: 2, licensed: 12, used: 1 });
    expect(response.headers.get("etag")).toBe(body.etag);

    const forged = await signUserToken({ sub: "u-1", acct: ACCOUNT, role: "admin", exp }, otherTenant.identitySecret);
    const refused = await fetch(new URL("/v1/widget/bootstrap", baseUrl), {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ publishableKey: tenant.publishableKey, userToken: forged }),
    });
    expect(refused.status, await refused.clone().text()).toBe(401);
    expect(await refused.json()).toMatchObject({ error: { code: "unauthorized" } });
  });

  it("serves the widget loader through the Worker from the assets binding", async () => {
    const response = await fetch(new URL("/widget.js", baseUrl));
    const text = await response.text();
    expect(response.status, text).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(response.headers.get("cache-control")).toBe("public, max-age=300"); // set by our route, not the asset server
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(text).toBe(readFileSync(join(assets.dir, "widget.js"), "utf8"));
  });

  it("runs a scheduler tick from the cron trigger", async () => {
    const worker = await mf!.getWorker();
    const result = await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date() });
    expect(result.outcome).toBe("ok");
  });

  it("publishes the OpenAPI document", async () => {
    const response = await fetch(new URL("/v1/openapi.json", baseUrl));
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const doc = JSON.parse(text) as { openapi: string; paths: Record<string, unknown> };
    expect(doc.openapi).toMatch(/^3\./);
    expect(Object.keys(doc.paths)).toContain("/v1/accounts/{accountId}/entitlement");
  });
});
