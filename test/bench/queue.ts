/**
 * Ingestion on Workers against the Node path, in the same run (`BENCH_ONLY=queue`):
 * - the queue path: the Worker from wrangler.toml in Miniflare (workerd) over a real sqld,
 *   `POST /v1/events` validates, enqueues and answers 202; the consumer writes the batches.
 *   Two figures: events accepted (202) per second while senders run, and events stored per
 *   second end to end (first request to the last row in sqld);
 * - the Worker writing straight to sqld (no queue binding), the same requests;
 * - the Node path: `POST /v1/events` on the Node entry over a libSQL file (ingest.ts).
 * Same batches of 100, same clients, one tenant per client.
 *
 * Only the test-friendly timings differ from wrangler.toml: the consumer's batch wait is
 * 0.5 s (not 2 s) so the end-to-end figure is not mostly waiting, and the abuse guards and
 * tenant quota are opened wide (one address sends everything here).
 *
 * Knobs: BENCH_INGEST_SECONDS (default 5), BENCH_INGEST_CLIENTS (default 8).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import type { WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { createDb, migrate } from "../../server/db/client.ts";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "../../server/lib/secret-box.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { attachSecretBox } from "../../server/services/tenants/secrets.ts";
import { bundleWorker, projectRoot, readWranglerSettings, widgetAssetsDir } from "../workerd/bundle.ts";
import { startSqld } from "../workerd/sqld.ts";
import { BATCH, makeBatch, measureHttp } from "./ingest.ts";

const ACCOUNTS = 20;
const WIDE_OPEN = 1_000_000_000;

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

export interface QueueBench {
  clients: number;
  seconds: number;
  queueAcceptedPerSecond: number;
  queueStoredPerSecond: number;
  queueDrainSeconds: number;
  workerDirectPerSecond: number;
  nodePerSecond: number;
}

interface Sent {
  events: number;
  elapsed: number;
}

type Post = (path: string, init: { method: string; headers: Record<string, string>; body: string }) => Promise<Response>;

/** Sends batches from one sender per tenant for `seconds`; every answer must be a 202. */
async function send(post: Post, tenants: CreatedTenant[], seconds: number, prefix: string): Promise<Sent> {
  let seq = 0;
  let accepted = 0;
  const now = Date.now();
  const start = performance.now();
  const deadline = start + seconds * 1000;
  await Promise.all(
    tenants.map(async (tenant) => {
      while (performance.now() < deadline) {
        const events = makeBatch(seq++, now).map((event) => ({ ...event, id: `${prefix}-${event.id}` }));
        const res = await post("/v1/events", {
          method: "POST",
          headers: { authorization: `Bearer ${tenant.secretKey}`, "content-type": "application/json" },
          body: JSON.stringify({ events }),
        });
        const text = await res.text();
        if (res.status !== 202) throw new Error(`${prefix}: POST /v1/events answered ${res.status}: ${text}`);
        accepted += (JSON.parse(text) as { accepted: number }).accepted;
      }
    }),
  );
  return { events: accepted, elapsed: (performance.now() - start) / 1000 };
}

async function seedAccounts(post: Post, tenants: CreatedTenant[]): Promise<void> {
  for (const tenant of tenants) {
    const headers = { authorization: `Bearer ${tenant.secretKey}`, "content-type": "application/json" };
    for (let a = 0; a < ACCOUNTS; a++) {
      const res = await post(`/v1/accounts/acct-${a}`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ name: `acct-${a}`, timezone: a % 2 ? "Asia/Shanghai" : "Europe/Berlin" }),
      });
      if (res.status !== 201 && res.status !== 200) throw new Error(`PUT account answered ${res.status}: ${await res.text()}`);
    }
  }
}

export async function benchQueue(): Promise<QueueBench> {
  const seconds = numberFromEnv("BENCH_INGEST_SECONDS", 5);
  const clients = numberFromEnv("BENCH_INGEST_CLIENTS", 8);
  // The Node path first, before workerd and sqld take their share of the machine.
  const node = await measureHttp(seconds, clients).catch((error: unknown) => {
    console.log(`Node path: ${error instanceof Error ? error.message : String(error)}; measuring again`);
    return measureHttp(seconds, clients);
  });
  const scratch = mkdtempSync(join(tmpdir(), "tenure-bench-queue-"));
  const sqld = await startSqld();
  const seedClient = createClient({ url: sqld.url });
  let mf: Miniflare | undefined;
  try {
    const wrangler = readWranglerSettings();
    const script = await bundleWorker(wrangler.main, join(scratch, "bundle"));
    const assets = widgetAssetsDir(wrangler.assetsDirectory, scratch);
    await migrate(seedClient);
    const encryptionKey = generateEncryptionKey();
    const db = createDb(seedClient);
    attachSecretBox(db, await createSecretBox(parseKeyRing(encryptionKey)));
    const now = Date.now();
    const queueTenants = await Promise.all(Array.from({ length: clients }, (_, i) => createTenant(db, { name: `Queue ${i}`, origins: [], now })));
    const directTenants = await Promise.all(Array.from({ length: clients }, (_, i) => createTenant(db, { name: `Direct ${i}`, origins: [], now })));

    const fromToml = unstable_getMiniflareWorkerOptions(join(projectRoot, "wrangler.toml"), undefined, { overrides: { assets: { directory: assets.dir } } });
    const options = fromToml.workerOptions as WorkerOptions;
    const consumers = Object.fromEntries(
      Object.entries(options.queueConsumers as Record<string, Record<string, unknown>>).map(([queue, consumer]) => [
        queue,
        { ...consumer, maxBatchTimeout: 0.5 },
      ]),
    );
    const ratelimits = Object.fromEntries(
      Object.entries(options.ratelimits as Record<string, { simple: { period: number } }>).map(([name, limit]) => [
        name,
        { simple: { limit: WIDE_OPEN, period: limit.simple.period } },
      ]),
    );
    const shared = {
      modules: true,
      scriptPath: script,
      modulesRoot: dirname(script),
      compatibilityDate: options.compatibilityDate,
      compatibilityFlags: options.compatibilityFlags,
      bindings: {
        ...options.bindings,
        DATABASE_URL: sqld.url,
        TENURE_ENCRYPTION_KEY: encryptionKey,
        TENANT_EVENTS_PER_SECOND: String(WIDE_OPEN),
        TENANT_EVENTS_BURST: String(WIDE_OPEN),
      },
    } satisfies WorkerOptions;
    mf = new Miniflare({
      host: "127.0.0.1",
      port: 0,
      workers: [
        { ...shared, name: "tenure", durableObjects: options.durableObjects, queueProducers: options.queueProducers, queueConsumers: consumers, ratelimits },
        // The direct-write Worker: the same bundle without the queue binding.
        { ...shared, name: "tenure-direct", ratelimits },
      ],
    });
    await mf.ready;
    const fetcherFor = async (name: string): Promise<Post> => {
      const worker = await mf!.getWorker(name);
      return async (path, init) => (await worker.fetch(`http://tenure.local${path}`, init)) as unknown as Response;
    };
    const queuePost = await fetcherFor("tenure");
    const directPost = await fetcherFor("tenure-direct");
    await seedAccounts(queuePost, queueTenants);
    await seedAccounts(directPost, directTenants);
    const stored = async (tenantIds: string[]): Promise<number> => {
      const placeholders = tenantIds.map(() => "?").join(",");
      const result = await seedClient.execute({ sql: `SELECT count(*) FROM usage_events WHERE tenant_id IN (${placeholders})`, args: tenantIds });
      return Number(result.rows[0]?.[0] ?? 0);
    };
    // Warm-up: the bundle's JIT, the connections, the queue consumer's first batch.
    const warm = await send(queuePost, queueTenants.slice(0, 1), 0.5, "warm");
    await send(directPost, directTenants.slice(0, 1), 0.5, "warm");
    const queueIds = queueTenants.map((tenant) => tenant.tenantId);
    const directIds = directTenants.map((tenant) => tenant.tenantId);
    for (let i = 0; i < 600 && (await stored(queueIds)) < warm.events; i++) await new Promise((done) => setTimeout(done, 100));
    const storedBefore = await stored(queueIds);

    // Queue path: accepted while sending, then stored end to end once the consumer has drained.
    const queueStart = performance.now();
    const queued = await send(queuePost, queueTenants, seconds, "queue");
    const target = storedBefore + queued.events;
    let drained = await stored(queueIds);
    const drainDeadline = performance.now() + 120_000;
    while (drained < target && performance.now() < drainDeadline) {
      await new Promise((done) => setTimeout(done, 50));
      drained = await stored(queueIds);
    }
    if (drained < target) throw new Error(`the consumer stored ${drained - storedBefore} of ${queued.events} queued events within 120 s`);
    const queueEnd = performance.now();

    const directBefore = await stored(directIds);
    const direct = await send(directPost, directTenants, seconds, "direct");
    const directStored = (await stored(directIds)) - directBefore;
    if (directStored !== direct.events) throw new Error(`the direct-write Worker stored ${directStored} events but accepted ${direct.events}`);

    return {
      clients,
      seconds,
      queueAcceptedPerSecond: Math.round(queued.events / queued.elapsed),
      queueStoredPerSecond: Math.round(queued.events / ((queueEnd - queueStart) / 1000)),
      queueDrainSeconds: Math.round((queueEnd - queueStart) / 100 - queued.elapsed * 10) / 10,
      workerDirectPerSecond: Math.round(direct.events / direct.elapsed),
      nodePerSecond: Math.round(node.events / node.elapsed),
    };
  } finally {
    await mf?.dispose().catch(() => undefined);
    seedClient.close();
    await sqld.stop();
    rmSync(scratch, { recursive: true, force: true });
  }
}

/** The figures as printed by `npm run bench`. */
export function formatQueueBench(result: QueueBench): string {
  const ratio = (value: number): string => (value / result.nodePerSecond).toFixed(2);
  return [
    `ingestion paths, same run (${result.clients} clients, batches of ${BATCH}, ${result.seconds} s each):`,
    `  Workers queue path (Miniflare + sqld), accepted (202): ${result.queueAcceptedPerSecond} events/s = ${ratio(result.queueAcceptedPerSecond)} of Node`,
    `  Workers queue path, stored end to end:                 ${result.queueStoredPerSecond} events/s = ${ratio(result.queueStoredPerSecond)} of Node (drained ${result.queueDrainSeconds} s after the last send)`,
    `  Workers direct write (Miniflare → sqld over HTTP):      ${result.workerDirectPerSecond} events/s = ${ratio(result.workerDirectPerSecond)} of Node`,
    `  Node → libSQL file:                                    ${result.nodePerSecond} events/s`,
  ].join("\n");
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) console.log(formatQueueBench(await benchQueue()));
