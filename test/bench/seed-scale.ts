import type { Client } from "@libsql/client";
import type { Db } from "../../server/db/client.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { contractEndsAt } from "../../shared/entitlement/compute.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { BenchRequest } from "./http.ts";
import { BENCH_PLAN, checkRequests } from "./seed.ts";
import type { SeededRequests } from "./seed.ts";
import { putPlan } from "../../server/services/plans/plans.ts";
import { planPutBody } from "../../shared/schemas/features.ts";

/**
 * Seeds one tenant with `accounts` accounts straight into the database, in batched
 * `INSERT … SELECT` statements over a generated series (SQLite does the loop; a row costs no
 * JavaScript), so 100,000 accounts with 10 million usage events take minutes, not hours, on
 * two cores. Each account gets what the API would have written for it: a contract (zone
 * arithmetic done once per zone, as put-contract.ts does it), a seat gift and a time gift,
 * `usersPerAccount` users holding seats (the first an admin), raw usage events spread over
 * the last 30 local days, and the daily rollups those events make.
 *
 * The requests it answers sample `sampleAccounts` accounts spread evenly over the whole
 * range, so a large seed is read across its whole index, not only at its start.
 */
export interface ScaleSeed {
  accounts: number;
  usersPerAccount: number;
  eventsPerAccount: number;
  sampleAccounts: number;
  now: number;
}

const ZONES = ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "Australia/Sydney", "UTC"];
/** Accounts per write transaction: keeps each commit (and the WAL) a bounded size. */
const ACCOUNTS_PER_CHUNK = 10_000;
const DAY = 86_400_000;

const NAMES = ["session", "feature.used", "report.exported"] as const;

/** One account's daily rollups for the events seeded below: [days ago, kind, key, count], in key order. */
function rollupTemplate(events: number, users: number): Array<[number, string, string, number]> {
  const counts = new Map<string, [number, string, string, number]>();
  const add = (daysAgo: number, kind: string, key: string): void => {
    const id = `${daysAgo}\n${kind}\n${key}`;
    const row = counts.get(id) ?? [daysAgo, kind, key, 0];
    row[3]++;
    counts.set(id, row);
  };
  for (let k = 0; k < events; k++) {
    const name = NAMES[k % 3]!;
    add(k % 30, "event", name);
    if (name === "feature.used") add(k % 30, "feature", `feature-${k % 12}`);
    add(k % 30, "user", `user-${k % users}`);
  }
  // Primary-key order: earlier days first (more days ago), then kind, then key.
  return [...counts.values()].sort((a, b) => b[0] - a[0] || a[1].localeCompare(b[1]) || a[2].localeCompare(b[2]));
}

/** A series `0 … n-1` as a recursive CTE, for `INSERT … SELECT`. */
function series(name: string, count: number): string {
  return `${name}(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM ${name} WHERE i + 1 < ${count})`;
}

function caseOf(expr: string, values: readonly (string | number)[]): string {
  const arms = values.map((v, i) => `WHEN ${i} THEN ${typeof v === "number" ? v : `'${v}'`}`).join(" ");
  return `(CASE ${expr} ${arms} END)`;
}

async function seedChunk(client: Client, tenantId: string, from: number, to: number, seed: ScaleSeed): Promise<void> {
  const n = to - from;
  const { usersPerAccount: users, eventsPerAccount: events, now } = seed;
  const zone = `((i + ${from}) % ${ZONES.length})`;
  const endsAt = ZONES.map((z) => contractEndsAt("2027-06-30", z));
  const acct = `'acct_scale' || printf('%09d', i + ${from})`;
  const ext = `'acct-' || (i + ${from})`;
  const statements = [
    `WITH RECURSIVE ${series("s", n)} INSERT INTO accounts (id, tenant_id, external_id, name, timezone, locale, segment, stage, created_at, updated_at)
      SELECT ${acct}, '${tenantId}', ${ext}, 'Customer ' || (i + ${from}), ${caseOf(zone, ZONES)}, NULL, 'tech_touch', NULL, ${now}, ${now} FROM s`,
    `WITH RECURSIVE ${series("s", n)} INSERT INTO contract_terms (id, account_id, seq, start_date, end_date, contract_ends_at, seats, grace_hours, lock_mode, plan, amount_value, amount_currency, uplift_percent, created_at, updated_at)
      SELECT 'term_scale' || printf('%09d', i + ${from}), ${acct}, 1, '2026-01-01', '2027-06-30', ${caseOf(zone, endsAt)}, 50, NULL, NULL, 'Business', NULL, NULL, NULL, ${now}, ${now} FROM s`,
    `WITH RECURSIVE ${series("s", n)} INSERT INTO grants (id, account_id, term_id, type, seats, days, hours, hold_until, expires_at, reason, created_by, created_at, voided_at)
      SELECT 'grt_scaleS' || printf('%09d', i + ${from}), ${acct}, NULL, 'seats', 5, NULL, NULL, NULL, NULL, 'buy 50, get 5', 'bench', ${now}, NULL FROM s
      UNION ALL
      SELECT 'grt_scaleT' || printf('%09d', i + ${from}), ${acct}, 'term_scale' || printf('%09d', i + ${from}), 'time', NULL, 14, NULL, NULL, NULL, 'onboarding delay', 'bench', ${now + 1}, NULL FROM s`,
    `WITH RECURSIVE ${series("s", n * users)} INSERT INTO end_users (id, account_id, external_id, role, name, email, banner_dismissed_until, modal_snoozed_until, first_seen_at, last_seen_at)
      SELECT 'usr_scale' || printf('%09d', i / ${users} + ${from}) || '_' || (i % ${users}), 'acct_scale' || printf('%09d', i / ${users} + ${from}), 'user-' || (i % ${users}),
        CASE WHEN i % ${users} = 0 THEN 'admin' ELSE 'member' END, 'User ' || (i % ${users}), NULL, NULL, NULL, ${now}, ${now} FROM s`,
    `INSERT INTO seat_assignments (id, account_id, user_id, assigned_at, released_at)
      SELECT 'seat' || substr(id, 4), account_id, id, ${now}, NULL FROM end_users WHERE id >= 'usr_scale' || printf('%09d', ${from}) AND id < 'usr_scale' || printf('%09d', ${to})`,
  ];
  if (events > 0) {
    // Event k of an account: user k % users, on the UTC day k % 30 before today, one of three names.
    statements.push(
      `WITH RECURSIVE ${series("s", n * events)} INSERT INTO usage_events (tenant_id, event_id, account_id, user_id, name, feature, module, score, properties, occurred_at, day, source, ingest_id, received_at)
        SELECT '${tenantId}', 'ev' || printf('%09d_%06d', i / ${events} + ${from}, i % ${events}), 'acct_scale' || printf('%09d', i / ${events} + ${from}), 'user-' || (i % ${events} % ${users}),
          ${caseOf(`(i % ${events} % 3)`, NAMES)}, CASE WHEN i % ${events} % 3 = 1 THEN 'feature-' || (i % ${events} % 12) END, NULL, NULL, NULL,
          ${now} - (i % ${events} % 30) * ${DAY}, date(${now} / 1000 - (i % ${events} % 30) * 86400, 'unixepoch'), 'server', 'ing_scale', ${now} FROM s`,
      // The rollups those events make are the same for every account: computed once here, then
      // written per account in key order (no sort, no read of the events).
      `WITH RECURSIVE ${series("s", n)} INSERT INTO usage_daily (account_id, day, kind, key, count)
        SELECT ${acct}, date(${now} / 1000 - t.value->>0 * 86400, 'unixepoch'), t.value->>1, t.value->>2, t.value->>3
        FROM s CROSS JOIN json_each('${JSON.stringify(rollupTemplate(events, users))}') AS t`,
    );
  }
  if (process.env.BENCH_SEED_DEBUG) {
    for (const statement of statements) {
      const t = performance.now();
      await client.execute(statement);
      console.error(`[seed] ${(performance.now() - t).toFixed(0)} ms ${statement.slice(0, 60).replace(/\s+/g, " ")}`);
    }
    return;
  }
  await client.batch(statements, "write");
}

/** Seeds the tenant and its accounts; answers requests spread over the sampled accounts. */
export async function seedAtScale(db: Db, client: Client, seed: ScaleSeed): Promise<SeededRequests & { seedSeconds: number }> {
  const started = performance.now();
  const tenant = await createTenant(db, { name: "Scale SaaS", origins: [], now: seed.now });
  await putPlan(db, { tenantId: tenant.tenantId, planId: "Business", body: planPutBody.parse(BENCH_PLAN), now: seed.now });
  for (let from = 0; from < seed.accounts; from += ACCOUNTS_PER_CHUNK) {
    await seedChunk(client, tenant.tenantId, from, Math.min(seed.accounts, from + ACCOUNTS_PER_CHUNK), seed);
  }
  const entitlement: BenchRequest[] = [];
  const bootstrap: BenchRequest[] = [];
  const check: BenchRequest[] = [];
  const exp = Math.floor(seed.now / 1000) + 6 * 3600;
  const step = Math.max(1, Math.floor(seed.accounts / seed.sampleAccounts));
  const sampled: string[] = [];
  for (let a = 0; a < seed.accounts && entitlement.length < seed.sampleAccounts; a += step) {
    const id = `acct-${a}`;
    sampled.push(`'acct_scale${String(a).padStart(9, "0")}'`);
    entitlement.push({ method: "GET", path: `/v1/accounts/${id}/entitlement`, headers: { authorization: `Bearer ${tenant.secretKey}` } });
    check.push(...checkRequests(id, tenant.secretKey));
    for (const u of [0, 1]) {
      const userToken = await signUserToken({ sub: `user-${u}`, acct: id, role: u === 0 ? "admin" : "member", exp, name: `User ${u}` }, tenant.identitySecret);
      bootstrap.push({
        method: "POST",
        path: "/v1/widget/bootstrap",
        headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.bench.example" },
        body: JSON.stringify({ publishableKey: tenant.publishableKey, userToken }),
      });
    }
  }
  // Seen just now, as a widget in use would have been: bootstraps read, never write.
  await client.execute({ sql: `UPDATE end_users SET last_seen_at = ? WHERE account_id IN (${sampled.join(",")})`, args: [Date.now()] });
  return { entitlement, bootstrap, check, seedSeconds: (performance.now() - started) / 1000 };
}
