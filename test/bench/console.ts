/**
 * The console's budgets: its JavaScript (≤ 120 KB gzip, outside the widget's) and the
 * accounts page with 10,000 accounts — the console API answering one page of the table
 * (filter, sort and page run in SQL), in process over a real libSQL file, one request at a
 * time as a staff member clicking would.
 */
import { readdirSync, readFileSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { createApp } from "../../server/app.ts";
import { openDatabase } from "../../server/node.ts";
import { addStaff } from "../../server/services/staff/members.ts";
import { createSession } from "../../server/services/staff/sessions.ts";
import { seedAtScale } from "./seed-scale.ts";

const CONSOLE_DIR = resolve(fileURLToPath(new URL("../../dist/widget/console/assets", import.meta.url)));
export const CONSOLE_JS_BUDGET = 120 * 1024;

export function consoleBundleSizes(): { js: number; css: number } {
  let js = 0;
  let css = 0;
  for (const file of readdirSync(CONSOLE_DIR)) {
    const size = gzipSync(readFileSync(join(CONSOLE_DIR, file))).length;
    if (file.endsWith(".js")) js += size;
    if (file.endsWith(".css")) css += size;
  }
  return { js, css };
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))]!;
}

export async function benchConsoleAccounts(accounts = 10_000, runs = 20): Promise<Array<{ query: string; p50ms: number; p95ms: number; total: number }>> {
  const dir = mkdtempSync(join(tmpdir(), "tenure-bench-console-"));
  const { client, db } = await openDatabase(`file:${join(dir, "bench.db")}`);
  try {
    const now = Date.parse("2026-11-21T08:00:00Z");
    await seedAtScale(db, client, { accounts, usersPerAccount: 2, eventsPerAccount: 6, sampleAccounts: 10, now });
    const tenant = await db.query.tenants.findFirst();
    // Two daily health readings per account, so the health column, its trend and the risk views have data.
    for (const [day, shift] of [
      ["2026-11-20", 0],
      ["2026-11-21", 7],
    ] as const) {
      await client.execute(`INSERT INTO health_snapshots (account_id, day, score, risk, measures, created_at)
        SELECT id, '${day}', (abs(random()) % 90) + ${shift}, CASE abs(random()) % 3 WHEN 0 THEN 'high' WHEN 1 THEN 'medium' ELSE 'low' END, '[]', ${now} FROM accounts`);
    }
    const app = createApp({ db, clock: () => now });
    const staff = await addStaff(db, { tenantId: tenant!.id, email: "bench@vendor.example", role: "viewer", now });
    const { token } = await createSession(db, { staff, now });
    const queries = ["", "view=expiring_90", "view=high_risk&sort=score&dir=asc", "sort=utilisation&dir=desc&page=100", "q=Customer%2099&sort=name"];
    const out = [];
    for (const query of queries) {
      const times: number[] = [];
      let total = 0;
      for (let i = 0; i < runs; i++) {
        const started = performance.now();
        const res = await app.request(`http://bench.local/console/api/accounts?${query}`, { headers: { cookie: `tenure_console=${token}` } });
        const body = (await res.json()) as { total: number };
        times.push(performance.now() - started);
        if (res.status !== 200) throw new Error(`accounts page ${query}: ${res.status} ${JSON.stringify(body)}`);
        total = body.total;
      }
      times.sort((a, b) => a - b);
      out.push({ query: query || "(default: contract end ↑)", p50ms: Math.round(percentile(times, 0.5)), p95ms: Math.round(percentile(times, 0.95)), total });
    }
    return out;
  } finally {
    client.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
