/**
 * The scale-out entry: the same app on Cloudflare Workers over a remote libSQL/Turso
 * database (`DATABASE_URL`, `DATABASE_AUTH_TOKEN` as Worker secrets or vars).
 * Thin: it wires a database and config into `createApp`, once per isolate.
 */
import type { ExportedHandler, Response as WorkersResponse } from "@cloudflare/workers-types";
import { createClient } from "@libsql/client/web";
import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { parseConfig } from "./config.ts";
import { busySafe } from "./db/busy.ts";
import { createDb, migrate } from "./db/client.ts";
import type { AppEnv } from "./env.ts";
import type { Db } from "./db/client.ts";
import { createSecretBox, parseKeyRing } from "./lib/secret-box.ts";
import { tick } from "./services/scheduler/tick.ts";
import { attachSecretBox } from "./services/tenants/secrets.ts";
import type { WorkerEnv } from "./workers/bindings.ts";
import { createWorkersLimiter, quotaFromEnv } from "./workers/limits.ts";
import { consumeQueue } from "./workers/queue-consumer.ts";
import { onChange } from "./services/tenants/tenant-version.ts";
import { freshenCaches } from "./workers/coherence.ts";
import { createWorkersHub, publishChange, published } from "./workers/widget-push.ts";

/** Durable Object classes must be exported by the Worker's main module (wrangler.toml). */
export { TenantQuota } from "./workers/tenant-quota.ts";
export { WidgetPush } from "./workers/widget-push.ts";

let ready: Promise<Hono<AppEnv>> | undefined;
let database: Db | undefined;

async function boot(env: WorkerEnv): Promise<Hono<AppEnv>> {
  const config = parseConfig(env as Record<string, string | undefined>);
  if (config.DATABASE_URL.startsWith("file:")) throw new Error("On Workers, DATABASE_URL must be a remote libSQL URL (libsql://, https:// or http://)");
  // An isolate has no disk for an embedded replica: reads stay on the primary.
  if (config.DATABASE_SYNC_URL)
    throw new Error("DATABASE_SYNC_URL is for Node servers (an embedded replica file); on Workers, set only DATABASE_URL, the primary");
  // No client-side cap on calls in flight (the client's default is 20): a request queued behind
  // a slot that another request's I/O frees is cancelled by workerd as hung. The runtime
  // queues a request's own connections itself.
  // Batches take the write lock up front and are retried when the primary answers SQLITE_BUSY
  // (a batch is one transaction: nothing of it was applied), as on Node (db/busy.ts).
  const client = busySafe(
    createClient({
      url: config.DATABASE_URL,
      concurrency: Number.MAX_SAFE_INTEGER,
      ...(config.DATABASE_AUTH_TOKEN ? { authToken: config.DATABASE_AUTH_TOKEN } : {}),
    }),
  );
  await migrate(client);
  database = createDb(client);
  // Stored secrets are sealed (lib/secret-box.ts); an isolate has no file to keep a key in.
  if (!config.TENURE_ENCRYPTION_KEY)
    throw new Error("On Workers, set TENURE_ENCRYPTION_KEY (npx wrangler secret put TENURE_ENCRYPTION_KEY; a key: openssl rand -base64 32)");
  attachSecretBox(database, await createSecretBox(parseKeyRing(config.TENURE_ENCRYPTION_KEY)));
  // Scale-out bindings (wrangler.toml); without them the app behaves as on Node.
  const quota = quotaFromEnv(env);
  // Widget push: this isolate's writes are told to the tenant's object, which holds the streams.
  // Writes this isolate only hears of (the change rows) were told by the isolate that made them.
  const pushObjects = env.WIDGET_PUSH;
  if (pushObjects) onChange(database, ({ tenantId, origin }) => origin === "local" && tenantId && publishChange(pushObjects, tenantId));
  return createApp({
    ...(pushObjects ? { push: createWorkersHub(pushObjects) } : {}),
    ...(env.EVENTS_QUEUE ? { eventQueue: env.EVENTS_QUEUE } : {}),
    ...(env.TENANT_QUOTA || env.USER_RATE_LIMIT || env.IP_RATE_LIMIT
      ? { limiter: createWorkersLimiter({ quota: env.TENANT_QUOTA, userGuard: env.USER_RATE_LIMIT, ipGuard: env.IP_RATE_LIMIT, ...quota }) }
      : {}),
    db: database,
    clock: Date.now,
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
    assets: async (file) => {
      if (!env.ASSETS) return null;
      const response = await env.ASSETS.fetch(`https://assets.local/${file}`);
      return response.ok ? response : null;
    },
  });
}

function booted(env: WorkerEnv): Promise<Hono<AppEnv>> {
  ready ??= boot(env).catch((error: unknown) => {
    ready = undefined; // a failed boot (database unreachable) is retried on the next request
    throw error;
  });
  return ready;
}

const handler: ExportedHandler<WorkerEnv> = {
  async fetch(request, env, ctx) {
    const app = await booted(env);
    // Other isolates' writes: this isolate's caches drop what they made stale (coherence.ts).
    await freshenCaches(database!, Date.now(), (promise) => ctx.waitUntil(promise));
    // The app is typed with the DOM's Request and Response (as on Node); at run time they are workerd's.
    const response = await app.fetch(request as unknown as Request, env, ctx);
    // Changes this request made are still on their way to the push objects.
    ctx.waitUntil(published());
    return response as unknown as WorkersResponse;
  },
  /** The cron trigger (wrangler.toml): one scheduler tick; overlapping ticks are safe. */
  async scheduled(_controller, env) {
    await booted(env);
    await tick(database!, Date.now());
  },
  /** The queue consumer (wrangler.toml): ingestion batches, and their dead-letter queue. */
  async queue(batch, env) {
    await booted(env);
    await consumeQueue(database!, batch, Date.now());
  },
};

export default handler;
