/**
 * A bench target in its own process (see servers.ts): `serve.ts bare` is a bare Hono route,
 * `serve.ts tenure` the Node entry over a temp libSQL file, seeded through the API.
 * Prints one JSON line when ready; exits when its stdin closes, or after a hard cap.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { serve } from "@hono/node-server";
import type { ServerType } from "@hono/node-server";
import { Hono } from "hono";
import { startNodeServer } from "../../server/node.ts";
import { seedThroughApi } from "./seed.ts";
import type { SeededRequests } from "./seed.ts";
import { seedAtScale } from "./seed-scale.ts";
import { seedIngestTenants, settleScheduler, storedEvents } from "./ingest.ts";

export interface ReadyMessage {
  url: string;
  requests?: SeededRequests;
  /** How long a `scale` seed took. */
  seedSeconds?: number;
  /** `ingest`: each sender's tenant's secret key. */
  ingestKeys?: string[];
}

const MAX_LIFETIME_MS = 30 * 60_000;

function startBare(): Promise<{ url: string; close(): Promise<void> }> {
  // GET / is the baseline the budget names; POST /echo has the bootstrap's request shape (a
  // small text body read, JSON answered) and shows what the adapter alone charges for it.
  // POST /answer reads the same body and answers what a bootstrap answers: ~1.8 KB of JSON
  // with the widget's nine headers. No Tenure code runs: the ceiling the adapter leaves.
  // POST /answer-plus-10us is that plus 10 µs of busy JavaScript per request, a stand-in for
  // the least a real bootstrap must do (parse, look up, check, serialize): how much headroom
  // the ceiling leaves under the goal.
  const answer = JSON.stringify({ padding: "x".repeat(1_780) });
  const answerHeaders = {
    "Content-Type": "application/json",
    "X-Tenure-Now": "0",
    "Cache-Control": "no-store",
    Vary: "Origin",
    "Access-Control-Allow-Origin": "https://app.bench.example",
    "Access-Control-Expose-Headers": "X-Tenure-Now, ETag, X-Request-Id",
    ETag: '"0123456789abcd"',
    "X-Request-Id": "req_0123456789",
  };
  const app = new Hono()
    .get("/", (c) => c.text("ok"))
    .post("/echo", async (c) => c.json({ length: (await c.req.text()).length }))
    .post("/answer", async (c) => {
      await c.req.text();
      return new Response(answer, { status: 200, headers: answerHeaders });
    })
    .post("/answer-plus-10us", async (c) => {
      await c.req.text();
      const until = performance.now() + 0.01;
      while (performance.now() < until);
      return new Response(answer, { status: 200, headers: answerHeaders });
    });
  return new Promise((ready) => {
    const server: ServerType = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" }, (info) =>
      ready({ url: `http://127.0.0.1:${info.port}`, close: () => new Promise((done) => server.close(() => done())) }),
    );
  });
}

async function main(kind: string | undefined): Promise<void> {
  let close: () => Promise<void>;
  let message: ReadyMessage;
  let commands: Record<string, () => Promise<unknown>> = {};
  if (kind === "bare") {
    const bare = await startBare();
    close = bare.close;
    message = { url: bare.url };
  } else if (kind === "tenure") {
    const dir = mkdtempSync(join(tmpdir(), "tenure-bench-"));
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "bench.db")}` });
    const requests = await seedThroughApi(server.db, server.url, { accounts: 20, usersPerAccount: 5, now: Date.now() });
    close = async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
    message = { url: server.url, requests };
  } else if (kind === "scale") {
    // serve.ts scale <accounts> <events per account>: the same server over a seeded database (seed-scale.ts).
    const dir = mkdtempSync(join(tmpdir(), "tenure-bench-scale-"));
    // No scheduler: its daily health snapshot visits every account (minutes at 100,000), which
    // would measure that job, not the reads. scale.ts says so beside the figures.
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "bench.db")}`, tickIntervalMs: 0 });
    const seeded = await seedAtScale(server.db, server.client, {
      accounts: Number(process.argv[3]),
      usersPerAccount: 5,
      eventsPerAccount: Number(process.argv[4]),
      sampleAccounts: 1_000,
      now: Date.now(),
    });
    close = async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
    message = { url: server.url, requests: seeded, seedSeconds: seeded.seedSeconds };
  } else if (kind === "ingest") {
    // serve.ts ingest <clients>: the Node entry with its scheduler, one tenant per sender (ingest.ts).
    const dir = mkdtempSync(join(tmpdir(), "tenure-bench-ingest-"));
    const server = await startNodeServer({ port: 0, databaseUrl: `file:${join(dir, "tenure.db")}` });
    const keys = await seedIngestTenants(server, Number(process.argv[3]));
    close = async () => {
      await server.close();
      rmSync(dir, { recursive: true, force: true });
    };
    commands = { settle: () => settleScheduler(server.db), count: () => storedEvents(server.db) };
    message = { url: server.url, ingestKeys: keys };
  } else {
    throw new Error(`usage: serve.ts bare|tenure|scale|ingest (got ${kind})`);
  }
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    // Connections held open by the load generator could keep close() waiting; exit regardless.
    const timer = setTimeout(() => process.exit(0), 2_000);
    await close().catch(() => undefined);
    clearTimeout(timer);
    process.exit(0);
  };
  process.stdin.on("end", stop);
  process.stdin.on("close", stop);
  // "cpu\n" on stdin answers this process's CPU time so far (µs, user + system): the bench
  // divides it by requests served, a figure that other tenants of the machine move less than throughput.
  // Other commands come from the target (`commands`), e.g. the ingestion server's.
  createInterface({ input: process.stdin }).on("line", async (line) => {
    const command = line.trim();
    if (command === "cpu") {
      const { user, system } = process.cpuUsage();
      process.stdout.write(`${JSON.stringify({ cpuMicros: user + system })}\n`);
    } else if (commands[command]) {
      process.stdout.write(`${JSON.stringify(await commands[command]())}\n`);
    }
  });
  setTimeout(stop, MAX_LIFETIME_MS).unref();
  process.stdout.write(`${JSON.stringify(message)}\n`);
}

await main(process.argv[2]);
