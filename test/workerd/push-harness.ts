/**
 * Two Workers (isolates) from wrangler.toml in Miniflare over a real sqld, sharing the
 * Durable Objects of the first, with one tenant and a hard-locked account "acme": what the
 * Workers push test and the push latency bench run against.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";
import { Miniflare } from "miniflare";
import type { WorkerOptions } from "miniflare";
import { unstable_getMiniflareWorkerOptions } from "wrangler";
import { createDb, migrate } from "../../server/db/client.ts";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "../../server/lib/secret-box.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import { attachSecretBox } from "../../server/services/tenants/secrets.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { bundleWorker, projectRoot, readWranglerSettings, widgetAssetsDir } from "./bundle.ts";
import { startSqld } from "./sqld.ts";

export interface PushWorkers {
  tenant: CreatedTenant;
  wranglerOptions: WorkerOptions;
  call(
    worker: "tenure" | "tenure-b",
    method: string,
    path: string,
    init?: { key?: string; body?: string; headers?: Record<string, string> },
  ): Promise<Response>;
  /** Creates an account with a contract that ended ten days ago (hard lock). */
  lockedAccount(id: string): Promise<void>;
  close(): Promise<void>;
}

export async function startPushWorkers(): Promise<PushWorkers> {
  const scratch = mkdtempSync(join(tmpdir(), "tenure-push-"));
  const wrangler = readWranglerSettings();
  const sqld = await startSqld();
  const script = await bundleWorker(wrangler.main, join(scratch, "bundle"));
  const assets = widgetAssetsDir(wrangler.assetsDirectory, scratch);
  const seedClient = createClient({ url: sqld.url });
  await migrate(seedClient);
  // Secrets are sealed at rest: the seeding handle and the Workers share one key.
  const encryptionKey = generateEncryptionKey();
  const seedDb = createDb(seedClient);
  attachSecretBox(seedDb, await createSecretBox(parseKeyRing(encryptionKey)));
  const tenant = await createTenant(seedDb, { name: "Push Vendor", origins: [], now: Date.now() });
  const fromToml = unstable_getMiniflareWorkerOptions(join(projectRoot, "wrangler.toml"), undefined, { overrides: { assets: { directory: assets.dir } } });
  const wranglerOptions = fromToml.workerOptions as WorkerOptions;
  const shared = {
    modules: true,
    scriptPath: script,
    modulesRoot: dirname(script),
    compatibilityDate: wranglerOptions.compatibilityDate,
    compatibilityFlags: wranglerOptions.compatibilityFlags,
    bindings: { ...wranglerOptions.bindings, DATABASE_URL: sqld.url, TENURE_ENCRYPTION_KEY: encryptionKey },
    queueProducers: wranglerOptions.queueProducers,
    ratelimits: wranglerOptions.ratelimits,
  } satisfies WorkerOptions;
  const mf = new Miniflare({
    host: "127.0.0.1",
    port: 0,
    workers: [
      { ...shared, name: "tenure", assets: wranglerOptions.assets, durableObjects: wranglerOptions.durableObjects },
      {
        ...shared,
        name: "tenure-b",
        // The same objects as the first Worker: one WidgetPush per tenant, whoever calls.
        durableObjects: Object.fromEntries(
          Object.entries(wranglerOptions.durableObjects as Record<string, { className: string }>).map(([binding, designator]) => [
            binding,
            { className: designator.className, scriptName: "tenure" },
          ]),
        ),
      },
    ],
  });
  const baseUrl = await mf.ready;
  const call: PushWorkers["call"] = async (worker, method, path, init = {}) => {
    const request = {
      method,
      headers: { ...(init.key ? { authorization: `Bearer ${init.key}`, "content-type": "application/json" } : {}), ...init.headers },
      ...(init.body === undefined ? {} : { body: init.body }),
    };
    const fetcher = await mf.getWorker(worker);
    return (await fetcher.fetch(new URL(path, baseUrl).href, request)) as unknown as Response;
  };
  return {
    tenant,
    wranglerOptions,
    call,
    async lockedAccount(id) {
      const account = await call("tenure", "PUT", `/v1/accounts/${id}`, { key: tenant.secretKey, body: JSON.stringify({ name: id, timezone: "UTC" }) });
      if (account.status >= 300) throw new Error(`account ${id}: ${account.status} ${await account.text()}`);
      const end = new Date(Date.now() - 10 * 86_400_000).toISOString().slice(0, 10);
      const contract = await call("tenure", "PUT", `/v1/accounts/${id}/contract`, {
        key: tenant.secretKey,
        body: JSON.stringify({ seats: 5, startDate: "2026-01-01", endDate: end, lockMode: "hard", graceHours: 1 }),
      });
      if (contract.status >= 300) throw new Error(`contract ${id}: ${contract.status} ${await contract.text()}`);
    },
    async close() {
      await mf.dispose().catch((error: unknown) => console.warn("miniflare dispose:", error));
      seedClient.close();
      await sqld.stop();
      rmSync(scratch, { recursive: true, force: true });
    },
  };
}

/** Reads a line stream one line at a time; null when it ends or after `ms` without a line. */
export function lines(res: Response): { next(ms?: number): Promise<string | null>; cancel(): Promise<void> } {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  let reading: Promise<ReadableStreamReadResult<Uint8Array>> | null = null;
  return {
    async next(ms = 15_000) {
      const deadline = Date.now() + ms;
      for (;;) {
        const at = buffer.indexOf("\n");
        if (at >= 0) {
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 1);
          return line;
        }
        reading ??= reader.read();
        const result = await Promise.race([reading, new Promise<null>((done) => setTimeout(() => done(null), Math.max(0, deadline - Date.now())))]);
        if (result === null) return null;
        reading = null;
        if (result.done) return null;
        buffer += decoder.decode(result.value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}
