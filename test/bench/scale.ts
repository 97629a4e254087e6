/**
 * Flat as data grows: the hot reads measured over a tenant of 1,000 accounts and again over
 * one of 100,000 (5 users each, and usage events: 10 million at the largest size), each size
 * seeded by seed-scale.ts in its own server process, all up at once and measured in
 * alternating rounds. Goal: every figure at the largest size within 20 % of the same figure
 * at the smallest.
 *
 * Knobs: BENCH_SCALE (account counts, default "1000,100000"; "0" skips this part),
 * BENCH_SCALE_EVENTS (events at the largest size, default 10000000; spread as the same
 * number per account at every size; 0 seeds none).
 */
import { measureSideBySide } from "./http.ts";
import type { BenchRequest, MeasureOptions, SideBySideRow, SideBySideTarget } from "./http.ts";
import { startServerProcess } from "./servers.ts";
import type { ServerProcess } from "./servers.ts";

export const FLAT_GOAL = 0.8;

export interface ScaleRow extends SideBySideRow {
  accounts: number;
  /** This figure over the same figure at the smallest size: the median of per-round ratios. */
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
  const sizes = [...new Set(sizesFromEnv())].sort((a, b) => a - b);
  if (sizes.length === 0) return [];
  const largest = sizes[sizes.length - 1]!;
  const totalEvents = Number(process.env.BENCH_SCALE_EVENTS ?? 10_000_000);
  const eventsPerAccount = Math.max(0, Math.floor(totalEvents / largest));
  // Every size's server is up at once, so each size is measured in alternation with the
  // smallest (http.ts `measureSideBySide`): the machine's drift lands on both sides.
  const servers: ServerProcess[] = [];
  try {
    for (const accounts of sizes) {
      const started = performance.now();
      const server = await startServerProcess("scale", { args: [String(accounts), String(eventsPerAccount)], readyTimeoutMs: 30 * 60_000 });
      servers.push(server);
      log(
        `scale: ${accounts} accounts, ${accounts * 5} users, ${accounts * eventsPerAccount} usage events seeded in ` +
          `${server.seedSeconds?.toFixed(0)} s (ready after ${((performance.now() - started) / 1000).toFixed(0)} s); ` +
          `reads spread over ${server.requests!.entitlement.length} of them (scheduler off: see serve.ts)`,
      );
    }
    const routes: Array<[string, (requests: NonNullable<ServerProcess["requests"]>) => BenchRequest[] | undefined]> = [
      ["GET …/entitlement", (r) => r.entitlement],
      ["POST /v1/widget/bootstrap", (r) => r.bootstrap],
      ["POST …/check", (r) => r.check],
    ];
    const rows: ScaleRow[] = [];
    const target = (name: string, server: ServerProcess, accounts: number, requests: BenchRequest[]): SideBySideTarget => ({
      name: `${name} @ ${accounts.toLocaleString("en")} accounts`,
      url: server.url,
      requests,
      server,
    });
    for (const [name, pick] of routes) {
      const lists = servers.map((server) => pick(server.requests!));
      if (lists.some((list) => !list?.length)) continue;
      const { bare, rows: larger } = await measureSideBySide(
        target(name, servers[0]!, sizes[0]!, lists[0]!),
        servers.slice(1).map((server, i) => ({ ...target(name, server, sizes[i + 1]!, lists[i + 1]!), budget: FLAT_GOAL })),
        {
          rounds: Number(process.env.BENCH_ROUNDS ?? 5) || 5,
          sliceSeconds: Number(process.env.BENCH_SLICE ?? 4) || 4,
          warmupSeconds: common.warmupSeconds ?? 5,
          ...(common.connections ? { connections: common.connections } : {}),
        },
      );
      rows.push({ ...bare, accounts: sizes[0]!, vsSmallest: 1 }, ...larger.map((row, i) => ({ ...row, accounts: sizes[i + 1]!, vsSmallest: row.ratio })));
    }
    return rows;
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
  }
}

export function formatScaleTable(rows: ScaleRow[]): string {
  const header = `${"target".padEnd(48)}${"req/s".padStart(10)}${"p50".padStart(11)}${"p99".padStart(11)}${"vs smallest".padStart(13)}${"µs CPU/req".padStart(12)}  goal`;
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
      row.cpuMicrosPerRequest.toFixed(0).padStart(12) +
      `  ${goal}${flags}`
    );
  });
  return [header, "-".repeat(header.length), ...lines].join("\n");
}
