/**
 * Ingestion throughput: `POST /v1/events` in batches of 100 over HTTP on the Node entry
 * (a temp libSQL file, its own process), against a raw libSQL batched insert of the same rows into a plain
 * table (no key, no rollups, no HTTP) in the same run. The ratio says what idempotency,
 * rollups, checklist judging, validation and HTTP cost on top of the bare write.
 *
 * Knobs: BENCH_INGEST_SECONDS (default 4) per HTTP slice (the raw slice is half),
 * BENCH_INGEST_ROUNDS (default 3), BENCH_INGEST_CLIENTS (default 8) concurrent senders, each
 * for its own tenant; BENCH_CPU_PROF=DIR writes the server's .cpuprofile there. Run alone with `npx tsx test/bench/ingest.ts`.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { sql } from "drizzle-orm";
import { openDatabase } from "../../server/node.ts";
import type { Db } from "../../server/db/client.ts";
import { median } from "./http.ts";
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

interface Slice {
  events: number;
  elapsed: number;
  /** Server CPU time over the slice, µs (HTTP slices only). */
  cpuMicros?: number;
}

/**
 * The Node entry in its own process (servers.ts), warmed and settled, and `clients`
 * concurrent senders in this one, as a vendor's backends and Tenure would run: on 2 cores,
 * senders sharing the server's event loop would charge it for their own JSON and HTTP work.
 * `send(seconds)` loads it for that long; `stop` checks every accepted event was stored.
 */
async function startIngestTarget(clients: number): Promise<{ send(seconds: number): Promise<Slice>; batches(): number; stop(): Promise<void> }> {
  const server = await startServerProcess("ingest", { args: [String(clients)], readyTimeoutMs: 120_000, cpuProfDir: process.env.BENCH_CPU_PROF });
  const keys = server.ingestKeys ?? [];
  const now = Date.now();
  let seq = 0;
  let accepted = 0;
  const sendOne = async (client: number): Promise<void> => {
    const res = await fetchOnce(`${server.url}/v1/events`, {
      method: "POST",
      headers: headersFor(keys[client]!),
      body: JSON.stringify({ events: makeBatch(seq++, now) }),
    });
    if (res.status !== 202) throw new Error(`POST /v1/events answered ${res.status}: ${await res.text()}`);
    accepted += ((await res.json()) as { accepted: number }).accepted;
  };
  try {
    // Warm-up: JIT, connections, statement caches, and every account's users active once, so
    // each account has reached its first value (a one-off milestone, with its webhooks).
    for (let i = 0; i < 10 * clients; i++) await sendOne(i % clients);
    await server.ask("settle", 120_000);
  } catch (error) {
    await server.stop();
    throw error;
  }
  return {
    async send(seconds) {
      const before = accepted;
      const cpuBefore = await server.cpuMicros();
      const start = performance.now();
      const deadline = start + seconds * 1000;
      await Promise.all(
        Array.from({ length: clients }, async (_, client) => {
          while (performance.now() < deadline) await sendOne(client);
        }),
      );
      const elapsed = (performance.now() - start) / 1000;
      return { events: accepted - before, elapsed, cpuMicros: (await server.cpuMicros()) - cpuBefore };
    },
    batches: () => seq,
    async stop() {
      try {
        const { count } = await server.ask<{ count: number }>("count");
        if (count !== accepted) throw new Error(`stored ${count} events but accepted ${accepted}`);
      } finally {
        await server.stop();
      }
    },
  };
}

/** `POST /v1/events` for `seconds` against a fresh server (queue.ts compares Workers with it). */
export async function measureHttp(seconds: number, clients: number): Promise<{ events: number; elapsed: number; batches: number }> {
  const target = await startIngestTarget(clients);
  try {
    return { ...(await target.send(seconds)), batches: target.batches() };
  } finally {
    await target.stop();
  }
}

/** The same rows, ten columns like `usage_events`, into a plain table with one batched INSERT per 100. */
async function openRawTarget(): Promise<{ insert(seconds: number): Promise<Slice>; close(): void }> {
  const dir = mkdtempSync(join(tmpdir(), "tenure-bench-raw-"));
  const { client } = await openDatabase(`file:${join(dir, "raw.db")}`);
  await client.execute(
    "CREATE TABLE raw_events (tenant_id TEXT, event_id TEXT, account_id TEXT, user_id TEXT, name TEXT, feature TEXT, module TEXT, properties TEXT, occurred_at INTEGER, day TEXT)",
  );
  const now = Date.now();
  const placeholders = Array.from({ length: BATCH }, () => "(?,?,?,?,?,?,?,?,?,?)").join(",");
  let seq = 0;
  const insertOne = async (): Promise<void> => {
    const args = makeBatch(seq++, now).flatMap((e) => [
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
  for (let i = 0; i < 5; i++) await insertOne();
  return {
    async insert(seconds) {
      const start = performance.now();
      const deadline = start + seconds * 1000;
      let batches = 0;
      while (performance.now() < deadline) {
        await insertOne();
        batches++;
      }
      return { events: batches * BATCH, elapsed: (performance.now() - start) / 1000 };
    },
    close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const perSecond = (slices: readonly Slice[]): number =>
  Math.round(slices.reduce((sum, s) => sum + s.events, 0) / slices.reduce((sum, s) => sum + s.elapsed, 0));

/**
 * Events per second through `POST /v1/events` (server in its own process) and through the
 * raw insert (in this one, alone), measured in alternation like the HTTP rows: each round a
 * raw slice, then an HTTP slice. The ratio is the median of the per-round ratios, so the
 * machine's drift (the raw insert's speed follows the disk, which other tenants share) falls
 * on both sides of each ratio.
 */
export async function benchIngestion(): Promise<{
  eventsPerSecond: number;
  rawInsertEventsPerSecond: number;
  ratio: number;
  ratios: number[];
  /** The server's CPU time per stored event, µs. */
  cpuMicrosPerEvent: number;
}> {
  const seconds = numberFromEnv("BENCH_INGEST_SECONDS", 4);
  const clients = numberFromEnv("BENCH_INGEST_CLIENTS", 8);
  const rounds = numberFromEnv("BENCH_INGEST_ROUNDS", 3);
  const raw = await openRawTarget();
  try {
    const target = await startIngestTarget(clients);
    try {
      const rawSlices: Slice[] = [];
      const httpSlices: Slice[] = [];
      for (let round = 0; round < rounds; round++) {
        rawSlices.push(await raw.insert(seconds / 2));
        httpSlices.push(await target.send(seconds));
      }
      const ratios = httpSlices.map((h, i) => h.events / h.elapsed / (rawSlices[i]!.events / rawSlices[i]!.elapsed));
      return {
        eventsPerSecond: perSecond(httpSlices),
        rawInsertEventsPerSecond: perSecond(rawSlices),
        ratio: Math.round(median(ratios) * 1000) / 1000,
        ratios,
        cpuMicrosPerEvent: httpSlices.reduce((sum, h) => sum + (h.cpuMicros ?? 0), 0) / httpSlices.reduce((sum, h) => sum + h.events, 0),
      };
    } finally {
      await target.stop();
    }
  } finally {
    raw.close();
  }
}

const isMain = process.argv[1] !== undefined && resolve(process.argv[1]) === fileURLToPath(import.meta.url);
if (isMain) {
  const result = await benchIngestion();
  console.log(
    `ingestion: ${result.eventsPerSecond} events/s via POST /v1/events (batches of ${BATCH}); ` +
      `raw libSQL batched insert: ${result.rawInsertEventsPerSecond} events/s; ratio ${result.ratio} (rounds ${result.ratios.map((r) => r.toFixed(3)).join(", ")}); ` +
      `server CPU ${result.cpuMicrosPerEvent.toFixed(1)} µs/event`,
  );
}
