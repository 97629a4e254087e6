/**
 * The Worker's scale-out engines in real workerd (Miniflare) over a real sqld, with the
 * queue, Durable Object, rate-limit and [vars] settings read from wrangler.toml by
 * wrangler itself (`unstable_getMiniflareWorkerOptions`). Two Workers run the same bundle:
 * two isolates with their own module state, as two Cloudflare isolates would be. Only the
 * test's timings differ from wrangler.toml: no retry delay, short batch waits, a small quota.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";
import type { Client } from "@libsql/client";
import { Miniflare } from "miniflare";
import type { WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, migrate } from "../../server/db/client.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { CHANGE_POLL_INTERVAL_MS } from "../../server/workers/coherence.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { toMessages } from "../../server/services/usage/event-queue.ts";
import { bundleWorker, projectRoot, readWranglerSettings, widgetAssetsDir } from "./bundle.ts";
import { startSqld } from "./sqld.ts";
import type { Sqld } from "./sqld.ts";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "../../server/lib/secret-box.ts";
import { attachSecretBox } from "../../server/services/tenants/secrets.ts";

const ENCRYPTION_KEY = generateEncryptionKey();

/** The test's quota: a burst of 50 events per tenant, refilled at 1 a second. */
const QUOTA_BURST = 50;

let scratch: string;
let sqld: Sqld | undefined;
let seedClient: Client | undefined;
let mf: Miniflare | undefined;
let baseUrl: URL;
let tenant: CreatedTenant;
let quotaTenant: CreatedTenant;
let poisonTenant: CreatedTenant;
let cronTenant: CreatedTenant;
let cacheTenant: CreatedTenant;
let wranglerOptions: WorkerOptions;

/** The test's per-IP guard: this many ingestion requests a minute from one address. */
const IP_LIMIT = 4;
let nextIp = 0;

/**
 * A request to one of the two isolates: "tenure" (also the queue consumer) or "tenure-b". Each
 * call comes from its own client IP unless `ip` is given, so only the IP guard's test shares one.
 */
async function call(worker: "tenure" | "tenure-b", method: string, path: string, key: string, body?: unknown, ip?: string): Promise<Response> {
  nextIp++;
  const clientIp = ip ?? `198.51.${Math.floor(nextIp / 250)}.${nextIp % 250}`;
  const init = {
    method,
    headers: { authorization: `Bearer ${key}`, "cf-connecting-ip": clientIp, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  };
  if (worker === "tenure") return fetch(new URL(path, baseUrl), { ...init, signal: AbortSignal.timeout(20_000) });
  const fetcher = await mf!.getWorker(worker);
  return (await fetcher.fetch(new URL(path, baseUrl).href, init)) as unknown as Response;
}

async function scalar(query: string, args: Array<string | number>): Promise<number> {
  const result = await seedClient!.execute({ sql: query, args });
  return Number(result.rows[0]?.[0] ?? 0);
}

/** Polls (bounded) until `read` returns `want`; returns the last value read. */
async function eventually(read: () => Promise<number>, want: number, attempts = 150): Promise<number> {
  let value = await read();
  for (let i = 0; i < attempts && value !== want; i++) {
    await new Promise((done) => setTimeout(done, 100));
    value = await read();
  }
  return value;
}

const storedEvents = (tenantId: string): Promise<number> => scalar("SELECT count(*) FROM usage_events WHERE tenant_id = ?", [tenantId]);
const countedEvents = (tenantId: string): Promise<number> =>
  scalar("SELECT coalesce(sum(c.count), 0) FROM usage_counters c JOIN accounts a ON a.id = c.account_id WHERE a.tenant_id = ? AND c.user_key = ''", [tenantId]);
const rolledUpEvents = (tenantId: string): Promise<number> =>
  scalar("SELECT coalesce(sum(d.count), 0) FROM usage_daily d JOIN accounts a ON a.id = d.account_id WHERE a.tenant_id = ? AND d.kind = 'event'", [tenantId]);

function events(prefix: string, count: number): Array<{ id: string; accountId: string; userId: string; name: string; properties?: Record<string, unknown> }> {
  return Array.from({ length: count }, (_, i) =>
    i % 2 === 0
      ? { id: `${prefix}-${i}`, accountId: "acme-cn", userId: `u${i % 5}`, name: "session" }
      : { id: `${prefix}-${i}`, accountId: "acme-cn", userId: `u${i % 5}`, name: "feature.used", properties: { feature: "export", module: "reports" } },
  );
}

async function createAccount(key: string): Promise<void> {
  const response = await call("tenure", "PUT", "/v1/accounts/acme-cn", key, { name: "Acme China", timezone: "Asia/Shanghai" });
  expect(response.status, await response.text()).toBe(201);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tenure-scale-"));
  const wrangler = readWranglerSettings();
  sqld = await startSqld();
  const script = await bundleWorker(wrangler.main, join(scratch, "bundle"));
  const assets = widgetAssetsDir(wrangler.assetsDirectory, scratch);

  seedClient = createClient({ url: sqld.url });
  await migrate(seedClient);
  const db = createDb(seedClient);
  attachSecretBox(db, await createSecretBox(parseKeyRing(ENCRYPTION_KEY))); // the Worker gets the same key
  const now = Date.now();
  tenant = await createTenant(db, { name: "Queue Vendor", origins: [], now });
  quotaTenant = await createTenant(db, { name: "Quota Vendor", origins: [], now });
  poisonTenant = await createTenant(db, { name: "Poison Vendor", origins: [], now });
  cronTenant = await createTenant(db, { name: "Cron Vendor", origins: [], now });
  cacheTenant = await createTenant(db, { name: "Cache Vendor", origins: [], now });

  const fromToml = unstable_getMiniflareWorkerOptions(join(projectRoot, "wrangler.toml"), undefined, { overrides: { assets: { directory: assets.dir } } });
  wranglerOptions = fromToml.workerOptions as WorkerOptions;
  const consumers = Object.fromEntries(
    Object.entries(wranglerOptions.queueConsumers as Record<string, Record<string, unknown>>).map(([queue, options]) => [
      queue,
      { ...options, maxBatchTimeout: 0.2, retryDelay: 0 },
    ]),
  );
  const shared = {
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: wranglerOptions.compatibilityDate,
    compatibilityFlags: wranglerOptions.compatibilityFlags,
    bindings: {
      ...wranglerOptions.bindings,
      DATABASE_URL: sqld.url,
      TENURE_ENCRYPTION_KEY: ENCRYPTION_KEY,
      TENANT_EVENTS_BURST: String(QUOTA_BURST),
      TENANT_EVENTS_PER_SECOND: "1",
    },
    queueProducers: wranglerOptions.queueProducers,
    ratelimits: { ...wranglerOptions.ratelimits, IP_RATE_LIMIT: { simple: { limit: IP_LIMIT, period: 60 } } },
  } satisfies WorkerOptions;
  mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      {
        ...shared,
        name: "tenure",
        assets: wranglerOptions.assets,
        durableObjects: wranglerOptions.durableObjects,
        queueConsumers: consumers,
      },
      {
        ...shared,
        name: "tenure-b",
        // The same objects as the first Worker: one TenantQuota per tenant, whoever calls.
        durableObjects: Object.fromEntries(
          Object.entries(wranglerOptions.durableObjects as Record<string, { className: string }>).map(([binding, designator]) => [
            binding,
            { className: designator.className, scriptName: "tenure" },
          ]),
        ),
      },
    ],
  });
  baseUrl = await mf.ready;
  for (const each of [tenant, quotaTenant, poisonTenant, cronTenant, cacheTenant]) await createAccount(each.secretKey);
}, 120_000);

afterAll(async () => {
  await mf?.dispose().catch((error: unknown) => console.warn("miniflare dispose:", error));
  seedClient?.close();
  await sqld?.stop();
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 30_000);

describe("the Worker's scale-out engines, configured by wrangler.toml", { timeout: 60_000 }, () => {
  it("declares the queue with its dead-letter queue, the quota object and the abuse guard", () => {
    expect(wranglerOptions.queueProducers).toMatchObject({ EVENTS_QUEUE: { queueName: "tenure-events" } });
    expect(wranglerOptions.queueConsumers).toMatchObject({
      "tenure-events": { deadLetterQueue: "tenure-events-dlq", maxBatchSize: 100 },
      "tenure-events-dlq": {},
    });
    expect(wranglerOptions.durableObjects).toMatchObject({ TENANT_QUOTA: { className: "TenantQuota" } });
    expect(wranglerOptions.ratelimits).toMatchObject({ USER_RATE_LIMIT: { simple: { period: 10 } }, IP_RATE_LIMIT: { simple: { period: 60 } } });
  });

  it("enqueues POST /v1/events, answers 202 with queued: true, and the consumer writes the batch", async () => {
    const batch = events("q", 20);
    const response = await call("tenure", "POST", "/v1/events", tenant.secretKey, { events: batch });
    const text = await response.text();
    expect(response.status, text).toBe(202);
    expect(JSON.parse(text)).toEqual({ accepted: 20, duplicates: 0, queued: true });
    expect(await eventually(() => storedEvents(tenant.tenantId), 20)).toBe(20);
    expect(await eventually(() => countedEvents(tenant.tenantId), 20)).toBe(20);
    expect(await rolledUpEvents(tenant.tenantId)).toBe(20);
  });

  it("validates before enqueueing: a bad batch is a 4xx and nothing reaches the queue", async () => {
    const unknown = await call("tenure-b", "POST", "/v1/events", tenant.secretKey, { events: [{ id: "x-1", accountId: "nobody", name: "session" }] });
    const text = await unknown.text();
    expect(unknown.status, text).toBe(400);
    expect(JSON.parse(text)).toMatchObject({ error: { code: "validation_failed", requestId: expect.stringMatching(/^req_/) } });
    const future = new Date(Date.now() + 3_600_000).toISOString();
    const ahead = await call("tenure", "POST", "/v1/events", tenant.secretKey, {
      events: [{ id: "x-2", accountId: "acme-cn", name: "session", timestamp: future }],
    });
    expect(ahead.status, await ahead.text()).toBe(400);
  });

  it("stores and counts a batch once when the queue delivers it twice and the vendor resends it", async () => {
    const before = await storedEvents(tenant.tenantId);
    const batch = events("twice", 6);
    const [message] = toMessages({
      tenantId: tenant.tenantId,
      source: "server",
      receivedAt: Date.now(),
      events: batch.map((event) => ({
        id: event.id,
        accountId: event.accountId,
        userId: event.userId,
        name: event.name,
        properties: event.properties ?? null,
        timestamp: null,
      })),
    });
    const [sentinel] = toMessages({
      tenantId: tenant.tenantId,
      source: "server",
      receivedAt: Date.now(),
      events: [{ id: "twice-sentinel", accountId: "acme-cn", userId: null, name: "session", properties: null, timestamp: null }],
    });
    const queue = await mf!.getQueueProducer("EVENTS_QUEUE", "tenure");
    // At-least-once: the same message twice; the sentinel after them is written last.
    await queue.sendBatch([{ body: message }, { body: message }, { body: sentinel }]);
    expect(await eventually(() => scalar("SELECT count(*) FROM usage_events WHERE tenant_id = ? AND event_id = 'twice-sentinel'", [tenant.tenantId]), 1)).toBe(
      1,
    );
    expect(await storedEvents(tenant.tenantId)).toBe(before + 7);
    expect(await countedEvents(tenant.tenantId)).toBe(before + 7);
    expect(await rolledUpEvents(tenant.tenantId)).toBe(before + 7);

    // The vendor retries the very same batch over HTTP: accepted (enqueued), stored once.
    const resent = await call("tenure-b", "POST", "/v1/events", tenant.secretKey, {
      events: [...batch, { id: "twice-sentinel-2", accountId: "acme-cn", name: "session" }],
    });
    expect(resent.status, await resent.clone().text()).toBe(202);
    expect(await resent.json()).toEqual({ accepted: 7, duplicates: 0, queued: true });
    expect(await eventually(() => storedEvents(tenant.tenantId), before + 8)).toBe(before + 8);
    expect(await countedEvents(tenant.tenantId)).toBe(before + 8);
  });

  it("moves a message that keeps failing to the dead-letter queue, where it is stored for an operator", async () => {
    const [poison] = toMessages({
      tenantId: poisonTenant.tenantId,
      source: "server",
      receivedAt: Date.now(),
      events: [{ id: "p-1", accountId: "deleted-account", userId: null, name: "session", properties: null, timestamp: null }],
    });
    const queue = await mf!.getQueueProducer("EVENTS_QUEUE", "tenure");
    await queue.send(poison);
    expect(await eventually(() => scalar("SELECT count(*) FROM ingest_dead_letters WHERE tenant_id = ?", [poisonTenant.tenantId]), 1)).toBe(1);
    const row = (await seedClient!.execute({ sql: "SELECT queue, body, attempts FROM ingest_dead_letters WHERE tenant_id = ?", args: [poisonTenant.tenantId] }))
      .rows[0]!;
    expect(row.queue).toBe("tenure-events-dlq");
    expect(JSON.parse(String(row.body))).toMatchObject({ tenantId: poisonTenant.tenantId, events: [{ id: "p-1", accountId: "deleted-account" }] });
    expect(await storedEvents(poisonTenant.tenantId)).toBe(0);
  });

  it("shares one tenant's quota between two isolates, with the same 429 and Retry-After as Node", async () => {
    const first = await call("tenure", "POST", "/v1/events", quotaTenant.secretKey, { events: events("quota-a", 30) });
    expect(first.status, await first.text()).toBe(202);
    // A second isolate with its own memory: a per-isolate bucket would have 50 tokens left.
    const second = await call("tenure-b", "POST", "/v1/events", quotaTenant.secretKey, { events: events("quota-b", 30) });
    const text = await second.text();
    expect(second.status, text).toBe(429);
    const retryAfter = Number(second.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "rate_limited", message: `too many events for this tenant; retry after ${retryAfter} s`, requestId: expect.stringMatching(/^req_/) },
    });
    // What is left of the shared burst still passes, from either isolate.
    const rest = await call("tenure-b", "POST", "/v1/events", quotaTenant.secretKey, { events: events("quota-c", 15) });
    expect(rest.status, await rest.text()).toBe(202);
    // Another tenant's quota is its own.
    const other = await call("tenure-b", "POST", "/v1/events", cronTenant.secretKey, { events: events("quota-other", 30) });
    expect(other.status, await other.text()).toBe(202);
  });

  it("shows a write made through one isolate to another isolate's bootstrap and entitlement within the staleness bound", async () => {
    const contract = await call("tenure", "PUT", "/v1/accounts/acme-cn/contract", cacheTenant.secretKey, {
      seats: 10,
      startDate: "2026-01-01",
      endDate: "2027-12-31",
    });
    expect(contract.status, await contract.text()).toBe(201);
    const userToken = await signUserToken(
      { sub: "u-1", acct: "acme-cn", role: "admin", exp: Math.floor(Date.now() / 1000) + 3600 },
      cacheTenant.identitySecret,
    );
    const fetcherB = await mf!.getWorker("tenure-b");
    async function readB(): Promise<{ productName: string; accessEndsAt: string }> {
      const bootstrap = (await fetcherB.fetch(new URL("/v1/widget/bootstrap", baseUrl).href, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ publishableKey: cacheTenant.publishableKey, userToken }),
      })) as unknown as Response;
      const bootstrapText = await bootstrap.text();
      expect(bootstrap.status, bootstrapText).toBe(200);
      const entitlement = await call("tenure-b", "GET", "/v1/accounts/acme-cn/entitlement", cacheTenant.secretKey);
      const entitlementText = await entitlement.text();
      expect(entitlement.status, entitlementText).toBe(200);
      return {
        productName: (JSON.parse(bootstrapText) as { branding: { productName: string } }).branding.productName,
        accessEndsAt: (JSON.parse(entitlementText) as { accessEndsAt: string }).accessEndsAt,
      };
    }
    let previous = await readB();
    for (let round = 1; round <= 3; round++) {
      // Isolate B has just read (and cached) the key, the settings, the snapshot and the account.
      await readB();
      const settings = await call("tenure", "PATCH", "/v1/settings", cacheTenant.secretKey, { productName: `Planboard ${round}` });
      expect(settings.status, await settings.text()).toBe(200);
      const grant = await call("tenure", "POST", "/v1/accounts/acme-cn/grants", cacheTenant.secretKey, { type: "time", days: 1, reason: `round ${round}` });
      expect(grant.status, await grant.text()).toBe(201);
      const written = Date.now();
      // Any request to B that starts after the bound sees both writes: never later.
      await new Promise((done) => setTimeout(done, Math.max(0, written + CHANGE_POLL_INTERVAL_MS + 20 - Date.now())));
      const seen = await readB();
      expect(seen.productName).toBe(`Planboard ${round}`);
      expect(Date.parse(seen.accessEndsAt) - Date.parse(previous.accessEndsAt)).toBe(86_400_000);
      previous = seen;
    }
  });

  it("refuses an address that floods ingestion with the per-IP guard, apart from the per-user one, in Node's 429 shape", async () => {
    // The guard counts in fixed 60 s windows: start early in one, so the test stays inside it.
    const intoWindow = Date.now() % 60_000;
    if (intoWindow > 45_000) await new Promise((done) => setTimeout(done, 60_000 - intoWindow + 100));
    const flooder = "203.0.113.7";
    for (let i = 0; i < IP_LIMIT; i++) {
      const passed = await call("tenure", "POST", "/v1/events", cronTenant.secretKey, { events: events(`ip-${i}`, 2) }, flooder);
      expect(passed.status, await passed.text()).toBe(202);
    }
    const refused = await call("tenure", "POST", "/v1/events", cronTenant.secretKey, { events: events("ip-over", 2) }, flooder);
    const text = await refused.text();
    expect(refused.status, text).toBe(429);
    expect(refused.headers.get("retry-after")).toBe("60");
    expect(JSON.parse(text)).toMatchObject({
      error: { code: "rate_limited", message: "too many requests from this address; retry after 60 s", requestId: expect.stringMatching(/^req_/) },
    });
    // A widget user who has sent nothing yet is refused too when they come from that address.
    const userToken = await signUserToken(
      { sub: "u-ip", acct: "acme-cn", role: "member", exp: Math.floor(Date.now() / 1000) + 3600 },
      cronTenant.identitySecret,
    );
    const widgetEvents = (ip: string): Promise<Response> =>
      fetch(new URL("/v1/widget/events", baseUrl), {
        method: "POST",
        headers: { "content-type": "text/plain", "cf-connecting-ip": ip },
        body: JSON.stringify({ publishableKey: cronTenant.publishableKey, userToken, events: [{ id: `w-${ip}`, name: "session" }] }),
        signal: AbortSignal.timeout(20_000),
      });
    const widgetRefused = await widgetEvents(flooder);
    expect(widgetRefused.status, await widgetRefused.clone().text()).toBe(429);
    expect(await widgetRefused.json()).toMatchObject({ error: { code: "rate_limited", message: "too many requests from this address; retry after 60 s" } });
    // Another address is not held back: the same user, the same tenant.
    const widgetPassed = await widgetEvents("203.0.113.8");
    expect(widgetPassed.status, await widgetPassed.text()).toBe(202);
    const other = await call("tenure", "POST", "/v1/events", cronTenant.secretKey, { events: events("ip-other", 2) }, "203.0.113.9");
    expect(other.status, await other.text()).toBe(202);
    // Nothing the guard refused was stored.
    expect(await scalar("SELECT count(*) FROM usage_events WHERE tenant_id = ? AND event_id LIKE 'ip-over-%'", [cronTenant.tenantId])).toBe(0);
  });

  it("runs the scheduler from the cron trigger: a health snapshot for each account", async () => {
    const account = (await seedClient!.execute({ sql: "SELECT id FROM accounts WHERE tenant_id = ?", args: [cronTenant.tenantId] })).rows[0]!;
    const worker = await mf!.getWorker("tenure");
    const result = await worker.scheduled({ cron: "* * * * *", scheduledTime: new Date() });
    expect(result.outcome).toBe("ok");
    expect(await scalar("SELECT count(*) FROM health_snapshots WHERE account_id = ?", [String(account.id)])).toBe(1);
  });
});
