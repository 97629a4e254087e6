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
