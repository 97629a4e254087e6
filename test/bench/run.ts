/**
 * `npm run bench`: the PRODUCT.md budgets, measured on this machine in one run.
 *
 * Servers run in child processes and autocannon in this one. On a 2-core machine, load
 * generator and server in one process would share one event loop, so every request would
 * be charged for autocannon's own parsing too, and the route that does the least work (the
 * bare one) would be penalised the most: the ratio would flatter Tenure. Apart, each gets
 * a core, as a server and its clients would. Targets are loaded one at a time, in rounds
 * that each start with the bare route (http.ts `measureSideBySide`), so drift during the run
 * (thermal, noisy neighbours) lands on both sides of every ratio instead of skewing one.
 *
 * Then event ingestion (ingest.ts, its own knobs), widget sizes (widget-size.ts) and the
 * latency end users feel in real Chromium (latency.ts), then the hot reads at 1,000 and
 * 100,000 accounts (scale.ts). Every figure is printed with its goal. The exit code is 1 when
 * a ratio goal is missed or requests failed.
 *
 * Knobs: BENCH_ROUNDS and BENCH_SLICE (the HTTP rows: rounds, default 5, of slices of s, default 4),
 * BENCH_DURATION (s, default 10, other parts), BENCH_WARMUP (s, default 5), BENCH_CONNECTIONS
 * (default 50), BENCH_CPU_PROF=DIR (write the Tenure server's .cpuprofile there),
 * BENCH_ONLY (comma list of parts: http, ingest, queue, sizes, latency, scale, ticks, console; default
 * all), and those of ingest.ts, queue.ts, latency.ts, scale.ts and ticks.ts. `queue` is ingestion on
 * Workers (Miniflare: the queue path and the direct write) beside the Node path, in one run.
 */
import { cpus, loadavg } from "node:os";
import { CONSOLE_JS_BUDGET, benchConsoleAccounts, consoleBundleSizes } from "./console.ts";
import { DEFAULTS, formatSideBySide, measureSideBySide } from "./http.ts";
import type { MeasureOptions, SideBySideTarget } from "./http.ts";
import { benchIngestion } from "./ingest.ts";
import { benchQueue, formatQueueBench } from "./queue.ts";
import { benchLatency } from "./latency.ts";
import { benchWorkersPush } from "./push-workers.ts";
import { startServerProcess } from "./servers.ts";
import { measureWidgetSizes } from "./widget-size.ts";
import { measureExpiringPage } from "./page-weight.ts";
import { FLAT_GOAL, benchScale, formatScaleTable } from "./scale.ts";
import { benchTicks, formatTickTable, ticksMet } from "./ticks.ts";
import type { ServerProcess } from "./servers.ts";

/** PRODUCT.md and the performance issue: each figure against the bare Hono route, same run. */
const GOALS = { floor: 0.85, bootstrap: 0.5, entitlement: 0.25, check: 0.25, ingestion: 0.3 } as const;

function numberFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name]);
  return Number.isFinite(value) && value > 0 ? value : fallback;
}

async function printWidgetSizes(): Promise<void> {
  try {
    console.log("widget sizes:");
    console.table(await measureWidgetSizes());
  } catch (error) {
    console.log(`widget sizes: could not be measured (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    const page = await measureExpiringPage();
    console.log(
      `a page in the expiring state loads ${page.scripts.length} scripts from Tenure, ${page.gzipBytes} B gzip ` +
        `(goal ≤ ${page.budget} B: ${page.gzipBytes <= page.budget ? "ok" : "MISSED"}): ${page.scripts.map((s) => `${s.file} ${s.gzipBytes} B`).join(", ")}`,
    );
  } catch (error) {
    console.log(`expiring page: could not be measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function printIngestion(): Promise<boolean> {
  const result = await benchIngestion();
  const met = result.ratio >= GOALS.ingestion;
  console.log(
    `ingestion: ${result.eventsPerSecond} events/s via POST /v1/events; raw libSQL batched insert ` +
      `${result.rawInsertEventsPerSecond} events/s; server CPU ${result.cpuMicrosPerEvent.toFixed(1)} µs/event; ratio ${result.ratio}, the median of rounds ${result.ratios.map((r) => r.toFixed(3)).join(", ")} ` +
      `(goal ≥ ${GOALS.ingestion.toFixed(2)}: ${met ? "ok" : "MISSED"})`,
  );
  return met;
}

async function printQueue(): Promise<void> {
  try {
    console.log(formatQueueBench(await benchQueue()));
  } catch (error) {
    console.log(`queue path: could not be measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function printLatency(): Promise<void> {
  try {
    console.log("latency in real Chromium (p50 / p99):");
    const rows = await benchLatency(numberFromEnv("BENCH_LATENCY_RUNS", 8));
    rows.push(await benchWorkersPush(numberFromEnv("BENCH_LATENCY_RUNS", 8)));
    console.table(rows);
  } catch (error) {
    console.log(`latency: could not be measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

function partsFromEnv(): Set<string> {
  const text = process.env.BENCH_ONLY;
  return new Set((text ? text.split(",") : ["http", "ingest", "queue", "sizes", "latency", "scale", "ticks", "console"]).map((part) => part.trim()));
}

async function benchHttp(common: MeasureOptions, cpuProfDir: string | undefined): Promise<boolean> {
  const servers: ServerProcess[] = [];
  try {
    const started = await Promise.allSettled([startServerProcess("bare"), startServerProcess("tenure", cpuProfDir ? { cpuProfDir } : {})]);
    for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    const [bare, tenure] = servers as [ServerProcess, ServerProcess];
    const requests = tenure.requests;
    if (!requests) throw new Error("the Tenure bench server sent no seeded requests");
    const rounds = numberFromEnv("BENCH_ROUNDS", 5);
    const sliceSeconds = numberFromEnv("BENCH_SLICE", 4);
    console.log(
      `bench: ${common.connections} connections; each target warmed ${common.warmupSeconds} s, then ${rounds} rounds of ${sliceSeconds} s slices, ` +
        `the bare route first in every round; node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; ` +
        `${requests.entitlement.length} accounts, ${requests.bootstrap.length} users\n`,
    );
    // The bootstrap's request shape on a bare route: what the Node adapter alone charges for it.
    const echoRequest = { method: "POST", path: "/echo", headers: { "content-type": "text/plain;charset=UTF-8" }, body: requests.bootstrap[0]!.body };
    const targets: SideBySideTarget[] = [
      { name: "bare Hono POST, same body (shape only)", url: bare.url, requests: [echoRequest], server: bare },
      { name: "bare POST, bootstrap's body and answer", url: bare.url, requests: [{ ...echoRequest, path: "/answer" }], server: bare },
      { name: "  the same + 10 µs of busy JavaScript", url: bare.url, requests: [{ ...echoRequest, path: "/answer-plus-10us" }], server: bare },
      // The same app with no database work: what routing, middleware and the Node adapter cost.
      { name: "GET /healthz (Tenure app, no database)", url: `${tenure.url}/healthz`, server: tenure, budget: GOALS.floor },
      { name: "GET /v1/accounts/{id}/entitlement", url: tenure.url, requests: requests.entitlement, server: tenure, budget: GOALS.entitlement },
      ...(requests.check?.length
        ? [{ name: "POST /v1/accounts/{id}/check", url: tenure.url, requests: requests.check, server: tenure, budget: GOALS.check }]
        : []),
      { name: "POST /v1/widget/bootstrap", url: tenure.url, requests: requests.bootstrap, server: tenure, budget: GOALS.bootstrap },
    ];
    const { bare: baseline, rows } = await measureSideBySide({ name: "bare Hono GET (baseline)", url: `${bare.url}/`, server: bare }, targets, {
      rounds,
      sliceSeconds,
      warmupSeconds: common.warmupSeconds ?? DEFAULTS.warmupSeconds,
      connections: common.connections ?? DEFAULTS.connections,
    });
    console.log(formatSideBySide(baseline, rows));
    console.log(
      `\n"vs bare" is the median of ${rounds} per-round ratios; the bare route averaged ${baseline.requestsPerSecond.toFixed(0)} req/s. ` +
        `"µs CPU/req" is the server process's CPU time per answered request, which other tenants of the machine move less than throughput.`,
    );
    for (const row of rows) if (row.budget !== undefined) console.log(`  ${row.name}: per-round ratios ${row.ratios.map((r) => r.toFixed(2)).join(", ")}`);
    const barePost = rows[0]!;
    const bareAnswer = rows[1]!;
    const bootstrap = rows.find((row) => row.name.startsWith("POST /v1/widget/bootstrap"))!;
    if (!requests.check?.length) console.log("POST /v1/accounts/{id}/check: not measured (the server has no such route yet)");
    console.log(
      `bootstrap vs a bare POST of the same request shape: ${(bootstrap.ratio / barePost.ratio).toFixed(2)}; vs one that also answers a bootstrap's ` +
        `size and headers: ${(bootstrap.ratio / bareAnswer.ratio).toFixed(2)} (for reading only; the goal is against the bare GET)`,
    );
    const plusWork = rows[2]!;
    console.log(
      `headroom under the bootstrap goal: the bare answer alone reaches ${bareAnswer.ratio.toFixed(2)} of the bare GET, and ${plusWork.ratio.toFixed(2)} ` +
        `with 10 µs of work added (server CPU ${bareAnswer.cpuMicrosPerRequest.toFixed(0)} → ${plusWork.cpuMicrosPerRequest.toFixed(0)} µs/req): ` +
        `every part of a real bootstrap must fit in what separates those from ${GOALS.bootstrap.toFixed(2)}`,
    );
    const clean = [baseline, ...rows].every((row) => row.errors === 0 && row.non2xx === 0);
    const missed = rows.filter((row) => row.budget !== undefined && row.ratio < row.budget);
    console.log(
      `goals: ${missed.length === 0 ? "all met" : `MISSED: ${missed.map((row) => row.name).join("; ")}`}` +
        (clean ? "" : "; some requests failed, the numbers above are not trustworthy"),
    );
    return missed.length === 0 && clean;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    if (cpuProfDir) console.log(`\nCPU profile of the Tenure server: ${cpuProfDir}`);
  }
}

async function printScale(common: MeasureOptions): Promise<boolean> {
  const rows = await benchScale(common, (line) => console.log(line));
  if (rows.length === 0) return true;
  console.log(formatScaleTable(rows));
  const clean = rows.every((row) => row.errors === 0 && row.non2xx === 0);
  return clean && rows.every((row) => row.vsSmallest >= FLAT_GOAL);
}

async function printTicks(): Promise<boolean> {
  const rows = await benchTicks((line) => console.log(line));
  if (rows.length === 0) return true;
  console.log(formatTickTable(rows));
  return ticksMet(rows);
}

async function printConsole(): Promise<boolean> {
  const { js, css } = consoleBundleSizes();
  console.log(`console bundle: ${js} B JS gzip (budget ${CONSOLE_JS_BUDGET} B: ${js <= CONSOLE_JS_BUDGET ? "met" : "NOT met"}), ${css} B CSS gzip`);
  console.log("console accounts page, 10,000 accounts (GET /console/api/accounts, 50 rows, in process):");
  console.table(await benchConsoleAccounts());
  return js <= CONSOLE_JS_BUDGET;
}

async function main(): Promise<number> {
  const common: MeasureOptions = {
    connections: numberFromEnv("BENCH_CONNECTIONS", DEFAULTS.connections),
    warmupSeconds: numberFromEnv("BENCH_WARMUP", DEFAULTS.warmupSeconds),
    durationSeconds: numberFromEnv("BENCH_DURATION", DEFAULTS.durationSeconds),
  };
  const parts = partsFromEnv();
  let met = true;
  if (parts.has("http")) met = (await benchHttp(common, process.env.BENCH_CPU_PROF)) && met;
  console.log("");
  if (parts.has("ingest")) met = (await printIngestion()) && met;
  if (parts.has("queue")) await printQueue();
  if (parts.has("sizes")) await printWidgetSizes();
  if (parts.has("latency")) await printLatency();
  if (parts.has("scale")) met = (await printScale(common)) && met;
  if (parts.has("ticks")) met = (await printTicks()) && met;
  if (parts.has("console")) met = (await printConsole()) && met;
  return met ? 0 : 1;
}

process.exitCode = await main();
