import { sql } from "drizzle-orm";
import type { SQL } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { annualisedAmount } from "../../../shared/reports/arr.ts";
import { renewalStatus } from "../../../shared/reports/pipeline.ts";
import type { RenewalStatus } from "../../../shared/reports/pipeline.ts";
import type { AccountsQuery } from "../../../shared/schemas/console.ts";
import { computeEntitlementMemo } from "../entitlement/get-entitlement.ts";
import { listGrants, toDomainGrant } from "../grants/list-grants.ts";
import { countActiveUsers } from "../usage/active-users.ts";
import type { TenantSettings } from "../tenants/settings.ts";

const DAY = 86_400_000;

export interface AccountTableRow {
  id: string;
  name: string;
  segment: string;
  stage: string | null;
  owner: string | null;
  timezone: string;
  endDate: string;
  contractEndsAt: string;
  accessEndsAt: string;
  state: string;
  seats: { licensed: number; used: number; active: number; utilisation: number | null };
  health: { score: number | null; risk: string | null; trend: "up" | "down" | "flat" | null };
  renewalStatus: RenewalStatus;
  arr: { currency: string; value: number } | null;
}

interface RawRow {
  id: string;
  external_id: string;
  name: string;
  segment: string;
  stage: string | null;
  owner: string | null;
  timezone: string;
  term_id: string;
  start_date: string;
  end_date: string;
  contract_ends_at: number;
  seats: number;
  grace_hours: number | null;
  lock_mode: string | null;
  amount_value: number | null;
  amount_currency: string | null;
  licensed: number;
  used: number;
  active_approx: number;
  score: number | null;
  risk: string | null;
  prev_score: number | null;
  pending: number;
  declined: number;
  arr_sort: number | null;
}

/**
 * One row per account with its current term, computed in SQL so that filter, sort and page
 * run in the database over 10,000 accounts; only the page's rows get their entitlement
 * (access end, state) and active seats computed.
 */
function baseQuery(tenantId: string, now: number): SQL {
  const activeFromDay = new Date(now - 29 * DAY).toISOString().slice(0, 10);
  return sql`
    SELECT * FROM (
      SELECT a.id, a.external_id, a.name, a.segment, a.stage, a.owner, a.timezone,
        t.id AS term_id, t.start_date, t.end_date, t.contract_ends_at, t.seats, t.grace_hours, t.lock_mode,
        t.amount_value, t.amount_currency,
        t.seats + (SELECT coalesce(sum(g.seats), 0) FROM grants g WHERE g.account_id = a.id AND g.type = 'seats' AND g.voided_at IS NULL AND (g.expires_at IS NULL OR g.expires_at > ${now})) AS licensed,
        (SELECT count(*) FROM seat_assignments s WHERE s.account_id = a.id AND s.released_at IS NULL) AS used,
        -- Users active in the last 30 days (UTC days here, for filter and sort; the page's rows get the exact local count).
        (SELECT count(DISTINCT u.key) FROM usage_daily u WHERE u.account_id = a.id AND u.kind = 'user' AND u.day >= ${activeFromDay}) AS active_approx,
        h.score, h.risk,
        (SELECT p.score FROM health_snapshots p WHERE p.account_id = a.id AND p.day < h.day ORDER BY p.day DESC LIMIT 1) AS prev_score,
        EXISTS (SELECT 1 FROM renewals r WHERE r.open_term_id = t.id) AS pending,
        EXISTS (SELECT 1 FROM renewal_declines d WHERE d.account_id = a.id AND d.term_id = t.id) AS declined,
        EXISTS (SELECT 1 FROM account_milestones m WHERE m.account_id = a.id AND m.milestone = 'first_value_missed')
          AND NOT EXISTS (SELECT 1 FROM account_milestones m2 WHERE m2.account_id = a.id AND m2.milestone = 'first_value') AS fv_missed,
        -- Sorting by ARR compares amounts per year regardless of currency: good enough to rank.
        CASE WHEN t.amount_value IS NULL THEN NULL ELSE t.amount_value * 365.0 / (julianday(t.end_date) - julianday(t.start_date) + 1) END AS arr_sort
      FROM accounts a
      JOIN contract_terms t ON t.account_id = a.id AND t.seq = (SELECT max(seq) FROM contract_terms t2 WHERE t2.account_id = a.id)
      LEFT JOIN health_snapshots h ON h.account_id = a.id AND h.day = (SELECT max(day) FROM health_snapshots h2 WHERE h2.account_id = a.id)
      WHERE a.tenant_id = ${tenantId}
    ) x`;
}

function filters(query: AccountsQuery, now: number): SQL[] {
  const where: SQL[] = [];
  if (query.q) {
    const like = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(sql`(x.name LIKE ${like} ESCAPE '\\' OR x.external_id LIKE ${like} ESCAPE '\\' OR x.owner LIKE ${like} ESCAPE '\\')`);
  }
  if (query.segment) where.push(sql`x.segment = ${query.segment}`);
  if (query.risk) where.push(sql`x.risk = ${query.risk}`);
  const days = { expiring_30: 30, expiring_60: 60, expiring_90: 90 } as Record<string, number>;
  if (days[query.view]) where.push(sql`x.contract_ends_at > ${now} AND x.contract_ends_at <= ${now + days[query.view]! * DAY}`);
  if (query.view === "high_risk") where.push(sql`x.risk = 'high'`);
  if (query.view === "near_seat_cap") where.push(sql`x.licensed > 0 AND x.active_approx * 10 >= x.licensed * 9`);
  if (query.view === "declined") where.push(sql`x.declined`);
  if (query.view === "first_value_missed") where.push(sql`x.fv_missed`);
  return where;
}

const ORDER: Record<AccountsQuery["sort"], SQL> = {
  name: sql`x.name COLLATE NOCASE`,
  segment: sql`x.segment`,
  stage: sql`x.stage`,
  owner: sql`x.owner`,
  contractEndsAt: sql`x.contract_ends_at`,
  score: sql`x.score`,
  utilisation: sql`CASE WHEN x.licensed > 0 THEN x.active_approx * 1.0 / x.licensed END`,
  arr: sql`x.arr_sort`,
};

function whereClause(parts: SQL[]): SQL {
  return parts.length === 0 ? sql`` : sql` WHERE ${sql.join(parts, sql` AND `)}`;
}

async function finish(db: Db, row: RawRow, settings: TenantSettings, now: number): Promise<AccountTableRow> {
  const account = { id: row.id, timezone: row.timezone };
  const [ledger, active] = await Promise.all([listGrants(db, row.id), countActiveUsers(db, account, now)]);
  const entitlement = computeEntitlementMemo({
    timezone: row.timezone,
    contract: {
      startDate: row.start_date,
      endDate: row.end_date,
      seats: row.seats,
      graceHours: row.grace_hours ?? settings.defaultGraceHours,
      lockMode: (row.lock_mode ?? settings.defaultLockMode) as "soft",
    },
    grants: ledger.flatMap((g) => toDomainGrant(g, row.term_id)),
    reminderWindowDays: settings.reminderWindowDays,
    seatsUsed: row.used,
    now,
  });
  const trend = row.score == null || row.prev_score == null ? null : row.score > row.prev_score ? "up" : row.score < row.prev_score ? "down" : "flat";
  return {
    id: row.external_id,
    name: row.name,
    segment: row.segment,
    stage: row.stage,
    owner: row.owner,
    timezone: row.timezone,
    endDate: row.end_date,
    contractEndsAt: new Date(row.contract_ends_at).toISOString(),
    accessEndsAt: new Date(entitlement.accessEndsAt).toISOString(),
    state: entitlement.state,
    // Utilisation is active users over licensed seats: the measure the seat recommendation uses.
    seats: { licensed: row.licensed, used: row.used, active, utilisation: row.licensed > 0 ? Math.round((active / row.licensed) * 100) : null },
    health: { score: row.score, risk: row.risk, trend },
    renewalStatus: renewalStatus(
      { contractEndsAt: row.contract_ends_at, hasSuccessor: false, pendingRenewal: Boolean(row.pending), declined: Boolean(row.declined) },
      now,
    ),
    arr: annualisedAmount({ startDate: row.start_date, endDate: row.end_date, amountValue: row.amount_value, amountCurrency: row.amount_currency }),
  };
}

/** A page of the accounts table and the number of rows the filter matches. */
export async function accountsTable(
  db: Db,
  input: { tenantId: string; settings: TenantSettings; query: AccountsQuery; now: number; all?: true },
): Promise<{ total: number; page: number; pageSize: number; rows: AccountTableRow[] }> {
  const { query, now } = input;
  const base = baseQuery(input.tenantId, now);
  const where = whereClause(filters(query, now));
  const direction = query.dir === "desc" ? sql`DESC` : sql`ASC`;
  // Nulls last whichever the direction; the id keeps pages stable between equal keys.
  const order = sql` ORDER BY (${ORDER[query.sort]}) IS NULL, ${ORDER[query.sort]} ${direction}, x.external_id ASC`;
  const limit = input.all ? sql`` : sql` LIMIT ${query.pageSize} OFFSET ${(query.page - 1) * query.pageSize}`;
  const [countRow] = await db.all<{ n: number }>(sql`SELECT count(*) AS n FROM (${base}${where})`);
  const raw = await db.all<RawRow>(sql`${base}${where}${order}${limit}`);
  const rows: AccountTableRow[] = [];
  // In small groups: a page is at most 200 rows, and the CSV export walks every row.
  for (let i = 0; i < raw.length; i += 25) {
    rows.push(...(await Promise.all(raw.slice(i, i + 25).map((row) => finish(db, row, input.settings, now)))));
  }
  return { total: Number(countRow?.n ?? 0), page: query.page, pageSize: query.pageSize, rows };
}

const CSV_COLUMNS = [
  "id",
  "name",
  "segment",
  "stage",
  "owner",
  "timezone",
  "endDate",
  "contractEndsAt",
  "accessEndsAt",
  "state",
  "licensed",
  "used",
  "active",
  "utilisation",
  "score",
  "risk",
  "trend",
  "renewalStatus",
  "arrCurrency",
  "arr",
] as const;

function csvCell(value: unknown): string {
  const text = value == null ? "" : String(value);
  // Cells that a spreadsheet would run as a formula are quoted with a leading apostrophe.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export function accountsCsv(rows: readonly AccountTableRow[]): string {
  const lines = [CSV_COLUMNS.join(",")];
  for (const r of rows) {
    const values: Record<(typeof CSV_COLUMNS)[number], unknown> = {
      id: r.id,
      name: r.name,
      segment: r.segment,
      stage: r.stage,
      owner: r.owner,
      timezone: r.timezone,
      endDate: r.endDate,
      contractEndsAt: r.contractEndsAt,
      accessEndsAt: r.accessEndsAt,
      state: r.state,
      licensed: r.seats.licensed,
      used: r.seats.used,
      active: r.seats.active,
      utilisation: r.seats.utilisation,
      score: r.health.score,
      risk: r.health.risk,
      trend: r.health.trend,
      renewalStatus: r.renewalStatus,
      arrCurrency: r.arr?.currency,
      arr: r.arr?.value,
    };
    lines.push(CSV_COLUMNS.map((c) => csvCell(values[c])).join(","));
  }
  return `${lines.join("\r\n")}\r\n`;
}
