import autocannon from "autocannon";
import type { AutocannonOptions, AutocannonRequest } from "autocannon";

/** One kind of request a bench sends; several are cycled through, in order, per connection. */
export type BenchRequest = AutocannonRequest;

export interface MeasureOptions {
  /** Requests cycled per connection; default one `GET` of the URL's path. */
  requests?: BenchRequest[];
  connections?: number;
  /** Load before measuring (JIT, caches, connection set-up); its numbers are thrown away. */
  warmupSeconds?: number;
  durationSeconds?: number;
}

export interface Measurement {
  name: string;
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  requests: number;
  /** Connection errors and timeouts. */
  errors: number;
  /** Answers outside 2xx: a bench of error responses would measure the wrong thing. */
  non2xx: number;
}

export const DEFAULTS = { connections: 50, warmupSeconds: 5, durationSeconds: 10 } as const;

/**
 * Loads `url` with autocannon (keep-alive, `connections` in flight) and reports throughput
 * and latency. Later benches (event ingestion, …) reuse this.
 * @example const row = await measure("bare Hono", "http://127.0.0.1:3000/", { durationSeconds: 10 });
 */
export async function measure(name: string, url: string, options: MeasureOptions = {}): Promise<Measurement> {
  const connections = options.connections ?? DEFAULTS.connections;
  const base: AutocannonOptions = {
    url,
    connections,
    timeout: 10,
    ...(options.requests ? { requests: options.requests } : {}),
  };
  const warmup = options.warmupSeconds ?? DEFAULTS.warmupSeconds;
  if (warmup > 0) await autocannon({ ...base, duration: warmup });
  const result = await autocannon({ ...base, duration: options.durationSeconds ?? DEFAULTS.durationSeconds });
  return {
    name,
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A plain-text table of measurements, each against `baseline`, with an optional budget per row. */
export function formatTable(rows: Array<Measurement & { budget?: number }>, baseline: Measurement): string {
  const header = `${"target".padEnd(44)}${"req/s".padStart(10)}${"p50".padStart(11)}${"p99".padStart(11)}${"vs bare".padStart(9)}  budget`;
  const lines = rows.map((row) => {
    const ratio = row.requestsPerSecond / baseline.requestsPerSecond;
    const budget = row.budget === undefined ? "" : `≥ ${row.budget.toFixed(2)} ${ratio >= row.budget ? "ok" : "MISSED"}`;
    const flags = row.errors || row.non2xx ? `  (${row.errors} errors, ${row.non2xx} non-2xx)` : "";
    return (
      row.name.padEnd(44) +
      row.requestsPerSecond.toFixed(0).padStart(10) +
      `${row.p50Ms.toFixed(1)} ms`.padStart(11) +
      `${row.p99Ms.toFixed(1)} ms`.padStart(11) +
      ratio.toFixed(2).padStart(9) +
      `  ${budget}${flags}`
    );
  });
  return [header, "-".repeat(header.length), ...lines].join("\n");
}

/** A target for `measureSideBySide`: what to load, and the process that answers it. */
export interface SideBySideTarget {
  name: string;
  url: string;
  requests?: BenchRequest[];
  server: { cpuMicros(): Promise<number> };
  budget?: number;
}

export interface SideBySideRow extends Measurement {
  budget?: number;
  /** Median over rounds of this target's req/s over the bare route's in the same round. */
  ratio: number;
  /** Each round's ratio, in order. */
  ratios: number[];
  /** Server CPU time per answered request, µs (the process's user + system time over the measured slices). */
  cpuMicrosPerRequest: number;
}

/** The median of a non-empty list. */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/**
 * The bare route and each target, measured in alternation: `rounds` rounds, each a short
 * slice of the bare route followed by one slice of every target. A target's ratio is the
 * median of its per-round ratios, so the machine's drift (other tenants of a shared host
 * move throughput by ±30 % within a minute here) falls on both sides of each ratio instead
 * of on whichever target ran during a slow spell. Every target is warmed up first.
 * @example const rows = await measureSideBySide(bare, [floor, bootstrap], { rounds: 5, sliceSeconds: 4, warmupSeconds: 3 });
 */
export async function measureSideBySide(
  bare: SideBySideTarget,
  targets: readonly SideBySideTarget[],
  options: { rounds: number; sliceSeconds: number; warmupSeconds: number; connections?: number },
): Promise<{ bare: SideBySideRow; rows: SideBySideRow[] }> {
  const all = [bare, ...targets];
  const slice = (target: SideBySideTarget, durationSeconds: number): Promise<Measurement> =>
    measure(target.name, target.url, {
      durationSeconds,
      warmupSeconds: 0,
      ...(options.connections ? { connections: options.connections } : {}),
      ...(target.requests ? { requests: target.requests } : {}),
    });
  for (const target of all) await slice(target, options.warmupSeconds);
  const slices = all.map(() => [] as Measurement[]);
  const cpu = all.map(() => 0);
  for (let round = 0; round < options.rounds; round++) {
    for (const [i, target] of all.entries()) {
      const before = await target.server.cpuMicros();
      slices[i]!.push(await slice(target, options.sliceSeconds));
      cpu[i]! += (await target.server.cpuMicros()) - before;
    }
  }
  const rowOf = (i: number): SideBySideRow => {
    const own = slices[i]!;
    const ratios = own.map((m, round) => m.requestsPerSecond / slices[0]![round]!.requestsPerSecond);
    const requests = own.reduce((sum, m) => sum + m.requests, 0);
    const target = all[i]!;
    return {
      name: target.name,
      requestsPerSecond: own.reduce((sum, m) => sum + m.requestsPerSecond, 0) / own.length,
      p50Ms: median(own.map((m) => m.p50Ms)),
      p99Ms: median(own.map((m) => m.p99Ms)),
      requests,
      errors: own.reduce((sum, m) => sum + m.errors, 0),
      non2xx: own.reduce((sum, m) => sum + m.non2xx, 0),
      ratio: median(ratios),
      ratios,
      cpuMicrosPerRequest: requests > 0 ? cpu[i]! / requests : Number.NaN,
      ...(target.budget === undefined ? {} : { budget: target.budget }),
    };
  };
  return { bare: rowOf(0), rows: targets.map((_, i) => rowOf(i + 1)) };
}

/** The side-by-side table: req/s, p50, p99, the median ratio with its budget, and server CPU per request. */
export function formatSideBySide(bare: SideBySideRow, rows: readonly SideBySideRow[]): string {
  const header = `${"target".padEnd(44)}${"req/s".padStart(9)}${"p50".padStart(10)}${"p99".padStart(10)}${"vs bare".padStart(9)}${"µs CPU/req".padStart(12)}  budget`;
  const line = (row: SideBySideRow): string => {
    const budget = row.budget === undefined ? "" : `≥ ${row.budget.toFixed(2)} ${row.ratio >= row.budget ? "ok" : "MISSED"}`;
    const flags = row.errors || row.non2xx ? `  (${row.errors} errors, ${row.non2xx} non-2xx)` : "";
    return (
      row.name.padEnd(44) +
      row.requestsPerSecond.toFixed(0).padStart(9) +
      `${row.p50Ms.toFixed(1)} ms`.padStart(10) +
      `${row.p99Ms.toFixed(1)} ms`.padStart(10) +
      row.ratio.toFixed(2).padStart(9) +
      row.cpuMicrosPerRequest.toFixed(0).padStart(12) +
      `  ${budget}${flags}`
    );
  };
  return [header, "-".repeat(header.length), line(bare), ...rows.map(line)].join("\n");
}
