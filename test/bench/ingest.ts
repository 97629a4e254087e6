/**
 * Ingestion throughput: `POST /v1/events` in batches of 100 over HTTP on the Node entry
 * (a temp libSQL file, its own process), against a raw libSQL batched insert of the same rows into a plain
 * table (no key, no rollups, no HTTP) in the same run. The ratio says what idempotency,
 * rollups, checklist judging, validation and HTTP cost on top of the bare write.
 *
 * Knobs: BENCH_INGEST_SECONDS (default 5) per side, BENCH_INGEST_CLIENTS (default 8)
 * concurrent senders, each for its own tenant. Run alone with `npx tsx test/bench/ingest.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../server/node.ts";
import type { Db } from "../../server/db/client.ts";
import { startServerProcess } from "./servers.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import { tick } from "../../server/services/scheduler/tick.ts";

export const BATCH = 100;
const ACCOUNTS = 20;
const USERS_PER_ACCOUNT = 25;

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

interface BenchEvent {
  id: string;
  accountId: string;
  userId: string;
  name: string;
  properties?: Record<string, unknown>;
  timestamp: string;
}

/** A deterministic mix: sessions, feature use with modules, a few custom events. */
export function makeBatch(seq: number, now: number): BenchEvent[] {
  return Array.from({ length: BATCH }, (_, i) => {
    const n = seq * BATCH + i;
    const account = `acct-${n % ACCOUNTS}`;
    const base = { id: `ev-${n}`, accountId: account, userId: `u${(n * 7) % USERS_PER_ACCOUNT}`, timestamp: new Date(now - (n % 3600) * 1000).toISOString() };
    if (n % 10 === 0) return { ...base, name: "session" };
    if (n % 10 < 8) return { ...base, name: "feature.used", properties: { feature: `feature-${n % 12}`, module: `module-${n % 4}` } };
    return { ...base, name: "report.exported", properties: { format: n % 2 ? "pdf" : "csv" } };
  });
}

/**
 * `fetch`, tried again once when the connection was reset: on a loaded machine a kept-alive
 * socket can close just as the next request takes it. Every request here is idempotent
 * (PUTs, and event batches with fixed ids).
 */
async function fetchOnce(url: string, init: RequestInit): Promise<Response> {
  try {
    return await fetch(url, init);
  } catch {
    return fetch(url, init);
  }
}

/** `serve.ts ingest`: one tenant per sender, each with its accounts and contracts, through the API. */
export async function seedIngestTenants(server: { url: string; db: Db }, clients: number): Promise<string[]> {
  const now = Date.now();
  // One tenant per client, as several vendors' backends would send; each has its own rate limit.
  const tenants = await Promise.all(Array.from({ length: clients }, (_, i) => createTenant(server.db, { name: `Bench ${i}`, origins: [], now })));
  for (const tenant of tenants) {
    const headers = headersFor(tenant.secretKey);
    for (let a = 0; a < ACCOUNTS; a++) {
      const id = `acct-${a}`;
      await fetchOnce(`${server.url}/v1/accounts/${id}`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ name: id, timezone: a % 2 ? "Asia/Shanghai" : "Europe/Berlin" }),
      });
      await fetchOnce(`${server.url}/v1/accounts/${id}/contract`, {
        method: "PUT",
        headers,
        body: JSON.stringify({ seats: 100, startDate: "2026-01-01", endDate: "2027-12-31" }),
      });
    }
  }
  return tenants.map((tenant) => tenant.secretKey);
}

/**
 * A server that has been up a while has judged its accounts already: the scheduler catches
 * up with the ones just created and warmed (first entitlement watch, health snapshot, first
 * value, webhooks) before measuring, or the bench would time that one-off pass. Some jobs
 * learn of changes through the change watcher (a second), so the pass ends after two idle
 * ticks a watcher interval apart. The server's own ticks keep running while measuring.
 */
export async function settleScheduler(db: Db): Promise<{ settled: true }> {
  for (let pass = 0, idle = 0; pass < 50 && idle < 2; pass++) {
    const done = await tick(db, Date.now());
    idle = Object.values(done).every((count) => count === 0) ? idle + 1 : 0;
    if (idle > 0) await new Promise((wait) => setTimeout(wait, 1_100));
  }
  return { settled: true };
}

export async function storedEvents(db: Db): Promise<{ count: number }> {
  const [stored] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM usage_events`);
  return { count: Number(stored?.n) };
}

const headersFor = (key: string): Record<string, string> => ({ authorization: `Bearer ${key}`, "content-type": "application/json" });

/**
 * `POST /v1/events` from `clients` concurrent senders in this process to the Node entry in
 * its own process (servers.ts), as a vendor's backends and Tenure would run: on 2 cores,
 * senders sharing the server's event loop would charge it for their own JSON and HTTP work.
 */
export async function measureHttp(seconds: number, clients: number): Promise<{ events: number; elapsed: number; batches: number }> {
  const server = await startServerProcess("ingest", { args: [String(clients)], readyTimeoutMs: 120_000 });
  try {
    const keys = server.ingestKeys ?? [];
    const now = Date.now();
    let seq = 0;
    let accepted = 0;
    const send = async (client: number): Promise<void> => {
      const res = await fetchOnce(`${server.url}/v1/events`, {
        method: "POST",
        headers: headersFor(keys[client]!),
        body: JSON.stringify({ events: makeBatch(seq++, now) }),
      });
      if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${await res.text()}`);
      accepted += ((await res.json()) as { accepted: number }).accepted;
    };
    // Warm-up: JIT, connections, statement caches, and every account's users active once, so
    // each account has reached its first value (a one-off milestone, with its webhooks).
    for (let i = 0; i < 10 * clients; i++) await send(i % clients);
    await server.ask("settle", 120_000);
    const warm = accepted;
    const start = performance.now();
    const deadline = start + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async (_, client) => {
        while (performance.now() < deadline) await send(client);
      }),
    );
    const elapsed = (performance.now() - start) / 1000;
    const { count } = await server.ask<{ count: number }>("count");
    if (count !== accepted) throw new Error(`stored ${count} events but accepted ${accepted}`);
    return { events: accepted - warm, elapsed, batches: seq };
  } finally {
    await server.stop();
  }
}

/** The same rows, ten columns like `usage_events`, into a plain table with one batched INSERT per 100. */
async function measureRaw(seconds: number): Promise<{ events: number; elapsed: number }> {
  const dir = mkdtempSync(join(tmpdir(), "tenure-bench-raw-"));
  const { client } = await openDatabase(`file:${join(dir, "raw.db")}`);
  try {
    await client.execute(
      "CREATE TABLE raw_events (tenant_id TEXT, event_id TEXT, account_id TEXT, user_id TEXT, name TEXT, feature TEXT, module TEXT, properties TEXT, occurred_at INTEGER, day TEXT)",
    );
    const now = Date.now();
    const placeholders = Array.from({ length: BATCH }, () => "(?,?,?,?,?,?,?,?,?,?)").join(",");
    const insert = async (seq: number): Promise<void> => {
      const args = makeBatch(seq, now).flatMap((e) => [
        "ten_bench",
        e.id,
        e.accountId,
        e.userId,
        e.name,
        (e.properties?.feature as string | undefined) ?? null,
        (e.properties?.module as string | undefined) ?? null,
        e.properties ? JSON.stringify(e.properties) : null,
        Date.parse(e.timestamp),
        e.timestamp.slice(0, 10),
      ]);
      await client.batch([{ sql: `INSERT INTO raw_events VALUES ${placeholders}`, args }], "write");
    };
    for (let i = 0; i < 5; i++) await insert(1_000_000 + i);
    const start = performance.now();
    const deadline = start + seconds * 1000;
    let batches = 0;
    while (performance.now() < deadline) await insert(batches++);
    return { events: batches * BATCH, elapsed: (performance.now() - start) / 1000 };
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Events per second through `POST /v1/events` (server in its own process), the raw insert's
 * events per second (in this one, alone), and their ratio.
 */
export async function benchIngestion(): Promise<{ eventsPerSecond: number; rawInsertEventsPerSecond: number; ratio: number }> {
  const seconds = numberFromEnv("BENCH_INGEST_SECONDS", 5);
  const clients = numberFromEnv("BENCH_INGEST_CLIENTS", 8);
  // The raw insert runs before and after the HTTP run, and the mean is the baseline, so drift
  // during the run (other load, thermal) shows up in neither number alone.
  const rawBefore = await measureRaw(seconds / 2);
  const http = await measureHttp(seconds, clients);
  const rawAfter = await measureRaw(seconds / 2);
  const eventsPerSecond = Math.round(http.events / http.elapsed);
  const rawInsertEventsPerSecond = Math.round((rawBefore.events + rawAfter.events) / (rawBefore.elapsed + rawAfter.elapsed));
  return { eventsPerSecond, rawInsertEventsPerSecond, ratio: Math.round((eventsPerSecond / rawInsertEventsPerSecond) * 1000) / 1000 };
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await benchIngestion();
  console.log(
    `ingestion: ${result.eventsPerSecond} events/s via POST /v1/events (batches of ${BATCH}); ` +
      `raw libSQL batched insert: ${result.rawInsertEventsPerSecond} events/s; ratio ${result.ratio}`,
  );
}
