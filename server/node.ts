/**
 * The embedded default: Node, a libSQL file (`DATABASE_URL`, default file:./data/tenure.db),
 * migrations applied at start. Thin: it wires a database and config into `createApp`.
 */
import { mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import { createClient } from "@libsql/client";
import type { Client } from "@libsql/client";
import type { Hono } from "hono";
import { createApp } from "./app.ts";
import { parseConfig, refusePrivateTargetsInProduction } from "./config.ts";
import { BUSY_TIMEOUT_MS, busySafe } from "./db/busy.ts";
import { createDb, migrate } from "./db/client.ts";
import { cachePreparedStatements } from "./db/statement-cache.ts";
import type { Db } from "./db/client.ts";
import type { AppEnv } from "./env.ts";
import { nodeSecretBox } from "./lib/key-file.ts";
import { startTicking } from "./services/scheduler/tick.ts";
import { pinnedPost } from "./lib/pinned-post.ts";
import { createLocalHub } from "./services/widget/push-hub.ts";
import { attachSecretBox, resealSecrets } from "./services/tenants/secrets.ts";
import type { ResealCounts } from "./services/tenants/secrets.ts";
import { startChangeWatcher } from "./services/tenants/changes.ts";
import { groupIngestion } from "./services/usage/ingest-events.ts";

export interface NodeServerOptions {
  port?: number;
  host?: string;
  databaseUrl?: string;
  databaseAuthToken?: string;
  /** The primary `databaseUrl` (a file) is an embedded replica of; default `DATABASE_SYNC_URL`. */
  databaseSyncUrl?: string;
  /** Where the built widget lives; defaults to `dist/widget` in the project. */
  widgetDir?: string;
  /** Adds routes before the server starts (the demo mounts itself this way). */
  extend?: (app: Hono<AppEnv>, db: Db) => void | Promise<void>;
  clock?: () => number;
  /** See `AppDeps.allowPrivateWebhookTargets`; for local demos delivering to 127.0.0.1 (also `TENURE_ALLOW_PRIVATE_WEBHOOKS=1`). */
  allowPrivateWebhookTargets?: boolean;
  /** Writes one JSON line per request to stdout (`TENURE_LOG_REQUESTS=1 npm run serve`). */
  logRequests?: true;
  /** How often the scheduler ticks (renewal expiry, state events, webhook delivery); 0 turns it off. */
  tickIntervalMs?: number;
  /** How long a client may take to send a whole request (default 30 s). */
  requestTimeoutMs?: number;
}

export interface NodeServer {
  url: string;
  /** Where the key that seals stored secrets comes from (said at start). */
  keySource: string;
  /** The listening HTTP server. */
  http: ServerType;
  db: Db;
  client: Client;
  app: Hono<AppEnv>;
  close(): Promise<void>;
}

/**
 * How long a client may take to send a whole request: headers and body. It bounds only the
 * upload, so a push stream's response goes on for as long as the page keeps it open.
 */
export const REQUEST_TIMEOUT_MS = 30_000;

const projectRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

export interface OpenOptions {
  /** Base64 keys, sealing key first; default TENURE_ENCRYPTION_KEY, else the key file beside the database. */
  encryptionKey?: string;
  /** Makes the `file:` database an embedded replica of this primary (`DATABASE_SYNC_URL`). */
  syncUrl?: string;
  /** Seconds between the replica's pulls (`DATABASE_SYNC_INTERVAL`, default 1). */
  syncIntervalSeconds?: number;
  /** Where to say that a key file was created (default: stderr). */
  log?: (line: string) => void;
}

/**
 * Opens (creating if needed) the database named by a libSQL URL, migrates it, attaches the
 * box that seals its secrets and seals any stored before (or under an older key).
 */
export async function openDatabase(
  url: string,
  authToken?: string,
  options: OpenOptions = {},
): Promise<{ client: Client; db: Db; keySource: string; resealed: ResealCounts }> {
  if (url.startsWith("file:")) {
    const path = url.slice("file:".length);
    if (path && path !== ":memory:") mkdirSync(dirname(resolve(path)), { recursive: true });
  }
  const isFile = url.startsWith("file:");
  const replica = options.syncUrl !== undefined;
  if (replica && !isFile) throw new Error("DATABASE_SYNC_URL needs DATABASE_URL to be the local replica file (e.g. file:./data/replica.db)");
  if (replica && !(options.encryptionKey ?? process.env.TENURE_ENCRYPTION_KEY)) {
    throw new Error("TENURE_ENCRYPTION_KEY is required with an embedded replica: every server must open the secrets the others seal");
  }
  // The replica's statements are the libSQL sync engine's business: no cached prepares there.
  if (isFile && !replica) cachePreparedStatements();
  // The busy timeout is set by the client on every connection of its pool (a PRAGMA reaches one).
  const created = createClient({
    url,
    ...(authToken ? { authToken } : {}),
    // One connection: every statement and batch runs synchronously on it, so more would only
    // take turns, and each write by one would empty the others' page and statement caches.
    // (Only migrations hold a transaction across awaits, before anything else runs.)
    ...(isFile ? { timeout: BUSY_TIMEOUT_MS, concurrency: 1 } : {}),
    // An embedded replica: reads from the file, writes sent to the primary (and then in the file
    // for this process at once), other servers' writes pulled every interval.
    ...(replica ? { syncUrl: options.syncUrl, syncInterval: options.syncIntervalSeconds ?? 1 } : {}),
  });
  const client = isFile ? busySafe(created) : created;
  if (replica) {
    await client.sync();
  } else if (isFile) {
    // WAL (kept by the file) lets reads go on while a write commits.
    await client.execute("PRAGMA journal_mode = WAL");
  }
  await migrate(client);
  const db = createDb(client);
  const { box, source, created: keyCreated } = await nodeSecretBox(url, options.encryptionKey ?? process.env.TENURE_ENCRYPTION_KEY);
  if (keyCreated && !source.startsWith("a key for")) {
    (options.log ?? console.error)(`Tenure: created ${source} (mode 0600) to encrypt stored secrets; back it up apart from the database.`);
  }
  attachSecretBox(db, box);
  groupIngestion(db);
  const resealed = await resealSecrets(db);
  return { client, db, keySource: source, resealed };
}

function fileAssets(dir: string): (file: string) => Promise<Response | null> {
  const cache = new Map<string, string>();
  return async (file) => {
    let text = cache.get(file);
    if (text === undefined) {
      try {
        text = await readFile(resolve(dir, file), "utf8");
      } catch {
        return null;
      }
      cache.set(file, text);
    }
    return new Response(text);
  };
}

/** Starts the Node server. Port 0 picks a free port; the host defaults to 127.0.0.1. */
export async function startNodeServer(options: NodeServerOptions = {}): Promise<NodeServer> {
  const config = parseConfig(process.env);
  const { client, db, keySource } = await openDatabase(options.databaseUrl ?? config.DATABASE_URL, options.databaseAuthToken ?? config.DATABASE_AUTH_TOKEN, {
    ...(config.TENURE_ENCRYPTION_KEY ? { encryptionKey: config.TENURE_ENCRYPTION_KEY } : {}),
    ...((options.databaseSyncUrl ?? config.DATABASE_SYNC_URL)
      ? { syncUrl: options.databaseSyncUrl ?? config.DATABASE_SYNC_URL, syncIntervalSeconds: config.DATABASE_SYNC_INTERVAL }
      : {}),
  });
  const clock = options.clock ?? Date.now;
  const allowPrivateWebhookTargets = options.allowPrivateWebhookTargets === true || config.TENURE_ALLOW_PRIVATE_WEBHOOKS === "1";
  refusePrivateTargetsInProduction(allowPrivateWebhookTargets, config.NODE_ENV);
  const push = createLocalHub(db);
  const app = createApp({
    db,
    clock,
    push,
    assets: fileAssets(options.widgetDir ?? resolve(projectRoot, "dist/widget")),
    allowPrivateWebhookTargets,
    ...(options.logRequests ? { logRequest: (line: string) => void process.stdout.write(`${line}\n`) } : {}),
    ...(config.PUBLIC_URL ? { publicUrl: config.PUBLIC_URL } : {}),
  });
  const interval = options.tickIntervalMs ?? 5_000;
  // Writes by other processes (the CLI, other servers) reach this one's caches within a second.
  const stopWatching = await startChangeWatcher(db);
  await options.extend?.(app, db);
  // After `extend`: what it seeds (the demo's accounts and their usage) is whole before the
  // first tick takes the day's health snapshot of it.
  const stopTicking =
    interval > 0 ? startTicking(db, { clock, intervalMs: interval, deps: { allowPrivateWebhookTargets, post: pinnedPost } }) : async () => undefined;
  const host = options.host ?? "127.0.0.1";
  // Node enforces the timeout on its connection sweep, so the sweep runs twice per timeout.
  const requestTimeout = options.requestTimeoutMs ?? REQUEST_TIMEOUT_MS;
  const server = await new Promise<ServerType>((ready) => {
    const started: ServerType = serve(
      // A slow body cannot hold a connection for Node's default 300 s.
      {
        fetch: app.fetch,
        port: options.port ?? config.PORT,
        hostname: host,
        serverOptions: { requestTimeout, connectionsCheckingInterval: Math.min(30_000, Math.ceil(requestTimeout / 2)) },
      },
      () => ready(started),
    );
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  return {
    url: `http://${host}:${port}`,
    keySource,
    http: server,
    db,
    client,
    app,
    close: async () => {
      await stopTicking();
      // Open push streams would keep the server from closing.
      push.close();
      await stopWatching();
      await new Promise<void>((done) => {
        server.close(() => {
          client.close();
          done();
        });
      });
    },
  };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  // Opt-in: a parent that does not read this process's stdout would stall it once the pipe fills.
  const server = await startNodeServer({
    host: process.env.HOST ?? "127.0.0.1",
    ...(process.env.TENURE_LOG_REQUESTS === "1" ? { logRequests: true as const } : {}),
  });
  console.log(`Tenure API on ${server.url}  (docs: ${server.url}/docs); stored secrets sealed with ${server.keySource}`);
  if (process.env.TENURE_ALLOW_PRIVATE_WEBHOOKS === "1")
    console.log("Webhook endpoints may be on loopback and private addresses (TENURE_ALLOW_PRIVATE_WEBHOOKS=1): local development only.");
}
