/**
 * `npm run soak`: a bounded reliability run on 127.0.0.1 only, a few minutes long, printing one
 * table. Each scenario starts its own databases and server processes:
 *
 * - two processes writing to one database file (no 5xx, every acknowledged write once, reads across processes);
 * - `kill -9` during event ingestion, then a restart and the vendor's resends (nothing lost, nothing twice);
 * - webhook endpoints that hang, answer 500, answer 410 or redirect, beside another tenant's healthy one;
 * - the poisoned-row job;
 * - 1,000 slow clients, and the server's memory before and after 100,000 requests.
 *
 * Exits non-zero when anything was lost or counted twice, or any 5xx was answered. Not part of
 * `npm test`; the behaviours each piece relies on are covered by tests in test/api.
 * SOAK_ONLY (comma list: processes, kill, webhooks, poison, clients) runs some of them.
 */
import { clientsAndMemory } from "./clients.ts";
import { killDuringIngestion } from "./kill-ingest.ts";
import { poisonedRow } from "./poisoned-row.ts";
import type { SoakRow } from "./support.ts";
import { twoProcesses } from "./two-processes.ts";
import { hostileEndpoints } from "./webhooks.ts";

const SCENARIOS: Array<[string, () => Promise<SoakRow[]>]> = [
  ["processes", twoProcesses],
  ["kill", killDuringIngestion],
  ["webhooks", hostileEndpoints],
  ["poison", poisonedRow],
  ["clients", clientsAndMemory],
];

async function main(): Promise<number> {
  const only = process.env.SOAK_ONLY ? new Set(process.env.SOAK_ONLY.split(",").map((part) => part.trim())) : null;
  const rows: SoakRow[] = [];
  const started = performance.now();
  for (const [name, scenario] of SCENARIOS) {
    if (only && !only.has(name)) continue;
    const t = performance.now();
    try {
      rows.push(...(await scenario()));
    } catch (error) {
      rows.push({ scenario: name, figure: `could not run: ${error instanceof Error ? error.message : String(error)}`, ok: false });
    }
    console.error(`[soak] ${name} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
  }
  const width = Math.max(...rows.map((row) => row.scenario.length));
  console.log(`\n| ${"scenario".padEnd(width)} | result | figures |\n|${"-".repeat(width + 2)}|--------|---------|`);
  for (const row of rows) console.log(`| ${row.scenario.padEnd(width)} | ${row.ok ? "ok    " : "FAILED"} | ${row.figure} |`);
  const failed = rows.filter((row) => !row.ok).length;
  console.log(
    `\nsoak: ${rows.length - failed} of ${rows.length} ok in ${((performance.now() - started) / 1000).toFixed(0)} s${failed ? `; ${failed} FAILED` : ""}`,
  );
  return failed === 0 ? 0 : 1;
}

process.exitCode = await main();
