/**
 * Jobs that scale with due work: one scheduler tick over a tenant of 1,000 accounts and over
 * one of 100,000, each with the same 100 accounts' worth of due work, in this process over a
 * real libSQL file seeded by seed-scale.ts. Goal: the tick at the largest size costs at most
 * 1.5 × the tick at the smallest.
 *
 * The seed writes the scheduler's steady state the way a running server would have left it
 * (each account's watch row with its next boundary, each term's next reminder, the due queue
 * with each account's next health snapshot and first-value check, the job cursors at the end
 * of the change feed). Each
 * round then makes 100 accounts due as writes would — a change-feed entry per account and
 * their queued work due now — and times one `tick`. The median of the rounds is reported.
 *
 * Knobs: BENCH_TICKS (account counts, default "1000,100000"), BENCH_TICKS_ROUNDS (default 7),
 * BENCH_TICKS_EVENTS (usage events per account, default 10).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase } from "../../server/node.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { seedAtScale } from "./seed-scale.ts";

export const TICK_RATIO_GOAL = 1.5;
const DUE = 100;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface TickRow {
  accounts: number;
  due: number;
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** What each job did in the last round. */
  done: Record<string, number>;
}

function numberList(text: string): number[] {
  return text
    .split(",")
    .map(Number)
    .filter((n) => Number.isFinite(n) && n > 0);
}

export async function benchTicks(log: (line: string) => void): Promise<TickRow[]> {
  const sizes = numberList(process.env.BENCH_TICKS ?? "1000,100000");
  const rounds = Math.max(1, Number(process.env.BENCH_TICKS_ROUNDS ?? 7));
  const events = Math.max(0, Number(process.env.BENCH_TICKS_EVENTS ?? 10));
  const rows: TickRow[] = [];
  for (const accounts of sizes) {
    const dir = mkdtempSync(join(tmpdir(), "tenure-bench-ticks-"));
    const { client, db } = await openDatabase(`file:${join(dir, "tenure.db")}`, undefined, { log: () => undefined });
    try {
      const now = Date.now();
      const seeded = await seedAtScale(db, client, { accounts, usersPerAccount: 5, eventsPerAccount: events, sampleAccounts: 1, now });
      const steady = performance.now();
      await client.batch(
        [
          // Every account looked at, active, next boundary its expiring date (weeks away).
          `INSERT INTO entitlement_watch (account_id, tenant_id, version, state, term_id, next_check_at, checked_at)
            SELECT a.id, a.tenant_id, 1, 'active', t.id, t.contract_ends_at - ${30 * DAY}, ${now} FROM accounts a JOIN contract_terms t ON t.account_id = a.id`,
          // Reminders: each term's next milestone (90 days before its end, months away).
          `UPDATE contract_terms SET next_reminder_at = contract_ends_at - ${90 * DAY}`,
          `INSERT INTO account_due (job, account_id, due_at) SELECT 'health.snapshot', id, ${now + DAY} FROM accounts`,
          `INSERT INTO account_due (job, account_id, due_at) SELECT 'first_value.watch', id, ${now + HOUR} FROM accounts`,
          `INSERT INTO job_cursors (job, seq) SELECT j.job, COALESCE((SELECT max(seq) FROM change_versions), 0)
            FROM (SELECT 'health.snapshot' AS job UNION ALL SELECT 'first_value.watch' UNION ALL SELECT 'entitlement-state') j`,
          "ANALYZE",
        ],
        "write",
      );
      // One tick to settle what the seed left (messages to fan out, statistics).
      await tick(db, now);
      log(
        `ticks: ${accounts.toLocaleString("en")} accounts seeded in ${seeded.seedSeconds.toFixed(0)} s, steady state in ${((performance.now() - steady) / 1000).toFixed(0)} s`,
      );
      const times: number[] = [];
      let done: Record<string, number> = {};
      const stride = Math.max(1, Math.floor(accounts / (DUE * rounds)));
      for (let round = 0; round < rounds; round++) {
        const at = now + (round + 1) * 1000;
        const ids = Array.from({ length: DUE }, (_, i) => `'acct_scale${String(((round * DUE + i) * stride) % accounts).padStart(9, "0")}'`).join(",");
        await client.batch(
          [
            // As writes would: a change-feed entry for each of the 100 accounts…
            `INSERT INTO change_versions (key, tenant_id, version, seq, origin)
              SELECT a.id, a.tenant_id, 1, COALESCE((SELECT max(seq) FROM change_versions), 0) + row_number() OVER (ORDER BY a.id), 'bench'
              FROM accounts a WHERE a.id IN (${ids})
              ON CONFLICT (key) DO UPDATE SET version = version + 1, seq = excluded.seq`,
            // …and their next health snapshot and first-value check come due.
            `UPDATE account_due SET due_at = ${at} WHERE account_id IN (${ids})`,
          ],
          "write",
        );
        const started = performance.now();
        done = await tick(db, at);
        times.push(performance.now() - started);
      }
      const sorted = [...times].sort((a, b) => a - b);
      rows.push({ accounts, due: DUE, medianMs: sorted[Math.floor(sorted.length / 2)]!, minMs: sorted[0]!, maxMs: sorted.at(-1)!, done });
    } finally {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }
  return rows;
}

export function formatTickTable(rows: TickRow[]): string {
  const base = rows[0];
  const lines = rows.map((row) => {
    const ratio = base ? row.medianMs / base.medianMs : 1;
    const goal = row === base ? "" : `ratio ${ratio.toFixed(2)} (goal ≤ ${TICK_RATIO_GOAL}: ${ratio <= TICK_RATIO_GOAL ? "ok" : "MISSED"})`;
    return `${`tick @ ${row.accounts.toLocaleString("en")} accounts, ${row.due} due`.padEnd(44)}${`${row.medianMs.toFixed(1)} ms`.padStart(11)}${`${row.minMs.toFixed(1)}–${row.maxMs.toFixed(1)} ms`.padStart(20)}  ${goal}`;
  });
  const done = rows.at(-1)?.done ?? {};
  return [`${"target".padEnd(44)}${"median".padStart(11)}${"range".padStart(20)}`, ...lines, `jobs in the last round: ${JSON.stringify(done)}`].join("\n");
}

/** Whether every size's tick is within the goal of the smallest's. */
export function ticksMet(rows: TickRow[]): boolean {
  const base = rows[0];
  return !base || rows.every((row) => row.medianMs / base.medianMs <= TICK_RATIO_GOAL);
}
