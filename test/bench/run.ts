/**
 * `npm run bench`: the PRODUCT.md budgets, measured on this machine in one run.
 *
 * Servers run in child processes and autocannon in this one. On a 2-core machine, load
 * generator and server in one process would share one event loop, so every request would
 * be charged for autocannon's own parsing too, and the route that does the least work (the
 * bare one) would be penalised the most: the ratio would flatter Tenure. Apart, each gets
 * a core, as a server and its clients would. Targets are loaded one at a time; the bare
 * route is measured before and after the others and the mean is the baseline, so drift
 * during the run (thermal, noisy neighbours) shows up instead of skewing one ratio.
 *
 * Then event ingestion (ingest.ts, its own knobs), widget sizes (widget-size.ts) and the
 * latency end users feel in real Chromium (latency.ts). The exit code is 1 when the bootstrap budget is missed or requests failed.
 *
 * Knobs: BENCH_DURATION (s, default 10), BENCH_WARMUP (s, default 5), BENCH_CONNECTIONS
 * (default 50), BENCH_CPU_PROF=DIR (write the Tenure server's .cpuprofile there).
 */
import { cpus, loadavg } from "node:os";
import { DEFAULTS, formatTable, measure } from "./http.ts";
import type { Measurement, MeasureOptions } from "./http.ts";
import { benchIngestion } from "./ingest.ts";
import { benchLatency } from "./latency.ts";
import { startServerProcess } from "./servers.ts";
import { measureWidgetSizes } from "./widget-size.ts";
import type { ServerProcess } from "./servers.ts";

/** PRODUCT.md: the widget's bootstrap read serves ≥ 50 % of a bare Hono route's requests/s. */
const BOOTSTRAP_BUDGET = 0.5;

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
}

async function printIngestion(): Promise<void> {
  const result = await benchIngestion();
  console.log(
    `ingestion: ${result.eventsPerSecond} events/s via POST /v1/events; raw libSQL batched insert ` +
      `${result.rawInsertEventsPerSecond} events/s; ratio ${result.ratio}`,
  );
}

async function printLatency(): Promise<void> {
  try {
    console.log("latency in real Chromium (p50 / p99):");
    console.table(await benchLatency(numberFromEnv("BENCH_LATENCY_RUNS", 8)));
  } catch (error) {
    console.log(`latency: could not be measured (${error instanceof Error ? error.message : String(error)})`);
  }
}

async function main(): Promise<number> {
  const common: MeasureOptions = {
    connections: numberFromEnv("BENCH_CONNECTIONS", DEFAULTS.connections),
    warmupSeconds: numberFromEnv("BENCH_WARMUP", DEFAULTS.warmupSeconds),
    durationSeconds: numberFromEnv("BENCH_DURATION", DEFAULTS.durationSeconds),
  };
  const cpuProfDir = process.env.BENCH_CPU_PROF;
  const servers: ServerProcess[] = [];
  try {
    const started = await Promise.allSettled([
      startServerProcess("bare"),
      startServerProcess("tenure", cpuProfDir ? { cpuProfDir } : {}),
    ]);
    for (const result of started) if (result.status === "fulfilled") servers.push(result.value);
    for (const result of started) if (result.status === "rejected") throw result.reason;
    const [bare, tenure] = servers as [ServerProcess, ServerProcess];
    const requests = tenure.requests;
    if (!requests) throw new Error("the Tenure bench server sent no seeded requests");
    console.log(
      `bench: ${common.connections} connections, ${common.warmupSeconds} s warm-up + ${common.durationSeconds} s measured per target, ` +
        `node ${process.version}, ${cpus().length} cores, load average ${loadavg()[0]!.toFixed(1)}; ` +
        `${requests.entitlement.length} accounts, ${requests.bootstrap.length} users\n`,
    );

    const bareBefore = await measure("bare Hono route (before)", `${bare.url}/`, common);
    // The bootstrap's request shape on a bare route: what the Node adapter alone charges for it.
    const echoRequest = { method: "POST", path: "/echo", headers: { "content-type": "text/plain;charset=UTF-8" }, body: requests.bootstrap[0]!.body };
    const barePost = await measure("bare Hono POST, same body (shape only)", bare.url, { ...common, requests: [echoRequest] });
    // The same app with no database work: what routing, middleware and the Node adapter cost.
    const floor = await measure("GET /healthz (Tenure app, no database)", `${tenure.url}/healthz`, common);
    const entitlement = await measure("GET /v1/accounts/{id}/entitlement", tenure.url, { ...common, requests: requests.entitlement });
    const bootstrap = await measure("POST /v1/widget/bootstrap", tenure.url, { ...common, requests: requests.bootstrap });
    const bareAfter = await measure("bare Hono route (after)", `${bare.url}/`, { ...common, warmupSeconds: 0 });

    const baseline: Measurement = {
      ...bareBefore,
      name: "bare Hono route (baseline: mean)",
      requestsPerSecond: (bareBefore.requestsPerSecond + bareAfter.requestsPerSecond) / 2,
    };
    const rows = [bareBefore, bareAfter, barePost, floor, entitlement, { ...bootstrap, budget: BOOTSTRAP_BUDGET }];
    console.log(formatTable(rows, baseline));
    console.log(`\nbaseline = mean of the two bare runs = ${baseline.requestsPerSecond.toFixed(0)} req/s`);
    const drift = Math.abs(bareBefore.requestsPerSecond - bareAfter.requestsPerSecond) / baseline.requestsPerSecond;
    if (drift > 0.2) {
      console.log(`warning: the bare runs differ by ${(drift * 100).toFixed(0)} %; the machine was busy, ratios are rough (load average now ${loadavg()[0]!.toFixed(1)})`);
    }

    const ratio = bootstrap.requestsPerSecond / baseline.requestsPerSecond;
    const clean = rows.every((row) => row.errors === 0 && row.non2xx === 0);
    const met = ratio >= BOOTSTRAP_BUDGET;
    console.log(`bootstrap vs a bare POST of the same shape: ${(bootstrap.requestsPerSecond / barePost.requestsPerSecond).toFixed(2)} (for reading only; the budget is against the bare route)`);
    console.log(
      `budget: bootstrap ${ratio.toFixed(2)} of bare (needs ≥ ${BOOTSTRAP_BUDGET.toFixed(2)}): ${met ? "met" : "MISSED"}` +
        (clean ? "" : "; some requests failed, the numbers above are not trustworthy"),
    );
    console.log("");
    await printIngestion();
    await printWidgetSizes();
    await printLatency();
    return met && clean ? 0 : 1;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    if (cpuProfDir) console.log(`\nCPU profile of the Tenure server: ${cpuProfDir}`);
  }
}

process.exitCode = await main();
