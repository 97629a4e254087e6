/**
 * Flat as data grows: the hot reads measured over a tenant of 1,000 accounts and again over
 * one of 100,000 (5 users each, and usage events: 10 million at the largest size), each size
 * seeded by seed-scale.ts in its own server process. Goal: every figure at the largest size
 * within 20 % of the same figure at the smallest.
 *
 * Knobs: BENCH_SCALE (account counts, default "1000,100000"; "0" skips this part),
 * BENCH_SCALE_EVENTS (events at the largest size, default 10000000; spread as the same
 * number per account at every size; 0 seeds none).
 */
import { measure } from "./http.ts";
import type { Measurement, MeasureOptions } from "./http.ts";
import { startServerProcess } from "./servers.ts";

export const FLAT_GOAL = 0.8;

export interface ScaleRow extends Measurement {
  accounts: number;
  /** This figure over the same figure at the smallest size. */
  vsSmallest: number;
}

function sizesFromEnv(): number[] {
  const text = process.env.BENCH_SCALE ?? "1000,100000";
  return text
    .split(",")
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
}

export async function benchScale(common: MeasureOptions, log: (line: string) => void): Promise<ScaleRow[]> {
  const sizes = sizesFromEnv();
  if (sizes.length === 0) return [];
  const largest = Math.max(...sizes);
  const totalEvents = Number(process.env.BENCH_SCALE_EVENTS ?? 10_000_000);
  const eventsPerAccount = Math.max(0, Math.floor(totalEvents / largest));
  const rows: ScaleRow[] = [];
  const smallest = new Map<string, number>();
  for (const accounts of sizes) {
    const started = performance.now();
    const server = await startServerProcess("scale", { args: [String(accounts), String(eventsPerAccount)], readyTimeoutMs: 30 * 60_000 });
    try {
      const requests = server.requests!;
      log(
        `scale: ${accounts} accounts, ${accounts * 5} users, ${accounts * eventsPerAccount} usage events seeded in ` +
          `${server.seedSeconds?.toFixed(0)} s (ready after ${((performance.now() - started) / 1000).toFixed(0)} s); ` +
          `reads spread over ${requests.entitlement.length} of them (scheduler off: see serve.ts)`,
      );
      const targets: Array<[string, typeof requests.entitlement]> = [
        ["GET …/entitlement", requests.entitlement],
        ["POST /v1/widget/bootstrap", requests.bootstrap],
        ...(requests.check?.length ? ([["POST …/check", requests.check]] as Array<[string, typeof requests.entitlement]>) : []),
      ];
      for (const [name, list] of targets) {
        const row = await measure(`${name} @ ${accounts.toLocaleString("en")} accounts`, server.url, { ...common, requests: list });
        const base = smallest.get(name) ?? row.requestsPerSecond;
        smallest.set(name, base);
        rows.push({ ...row, accounts, vsSmallest: row.requestsPerSecond / base });
      }
    } finally {
      await server.stop();
    }
  }
  return rows;
}

export function formatScaleTable(rows: ScaleRow[]): string {
  const header = `${"target".padEnd(48)}${"req/s".padStart(10)}${"p50".padStart(11)}${"p99".padStart(11)}${"vs smallest".padStart(13)}  goal`;
  const lines = rows.map((row) => {
    const first = row.vsSmallest === 1 && rows.find((r) => r.name.split(" @ ")[0] === row.name.split(" @ ")[0]) === row;
    const goal = first ? "" : `≥ ${FLAT_GOAL.toFixed(2)} ${row.vsSmallest >= FLAT_GOAL ? "ok" : "MISSED"}`;
    const flags = row.errors || row.non2xx ? `  (${row.errors} errors, ${row.non2xx} non-2xx)` : "";
    return (
      row.name.padEnd(48) +
      row.requestsPerSecond.toFixed(0).padStart(10) +
      `${row.p50Ms.toFixed(1)} ms`.padStart(11) +
      `${row.p99Ms.toFixed(1)} ms`.padStart(11) +
      row.vsSmallest.toFixed(2).padStart(13) +
      `  ${goal}${flags}`
    );
  });
  return [header, "-".repeat(header.length), ...lines].join("\n");
}
