import { createColumnHelper } from "@tanstack/table-core";
import { useEffect, useMemo, useState } from "preact/hooks";
import { api } from "../api.ts";
import { DataTable } from "../components/data-table.tsx";
import type { Features } from "../components/data-table.tsx";
import { formatInstant, formatMoney, formatUntil } from "../format.ts";
import { href } from "../router.ts";

export interface AccountRow {
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
  renewalStatus: string;
  arr: { currency: string; value: number } | null;
}

const VIEWS: Array<[string, string]> = [
  ["all", "All"],
  ["expiring_30", "Expiring in 30 days"],
  ["expiring_60", "60 days"],
  ["expiring_90", "90 days"],
  ["high_risk", "High risk"],
  ["near_seat_cap", "Near seat cap (≥ 90 %)"],
  ["declined", "Declined"],
  ["first_value_missed", "First value missed"],
];

const TREND = { up: "▲", down: "▼", flat: "▬" } as const;
const helper = createColumnHelper<Features, AccountRow>();
const columns = [
  helper.accessor("name", { id: "name", header: "Account", cell: (c) => <a href={href("accounts", c.row.original.id)}>{c.getValue()}</a> }),
  helper.accessor("segment", { id: "segment", header: "Segment", cell: (c) => c.getValue().replace("_", "-") }),
  helper.accessor("stage", { id: "stage", header: "Stage", cell: (c) => c.getValue() ?? "—" }),
  helper.accessor("owner", { id: "owner", header: "Owner", cell: (c) => c.getValue() ?? "—" }),
  helper.accessor("contractEndsAt", {
    id: "contractEndsAt",
    header: "Contract end (account zone)",
    cell: (c) => <span title={c.row.original.timezone}>{formatUntil(c.getValue(), c.row.original.timezone)}</span>,
  }),
  helper.accessor("accessEndsAt", {
    id: "accessEndsAt",
    header: "Access end",
    enableSorting: false,
    cell: (c) => formatUntil(c.getValue(), c.row.original.timezone),
  }),
  helper.accessor("state", {
    id: "state",
    header: "State",
    enableSorting: false,
    cell: (c) => <span class={`pill state-${c.getValue()}`}>{c.getValue()}</span>,
  }),
  helper.accessor((r) => r.seats.utilisation, {
    id: "utilisation",
    header: "Seats (licensed / used / active)",
    cell: (c) => {
      const s = c.row.original.seats;
      return (
        <span>
          {s.licensed} / {s.used} / {s.active} <strong>{s.utilisation == null ? "" : `${s.utilisation} %`}</strong>
        </span>
      );
    },
  }),
  helper.accessor((r) => r.health.score, {
    id: "score",
    header: "Health",
    cell: (c) => {
      const h = c.row.original.health;
      if (h.score == null) return "—";
      return (
        <span class={`risk-${h.risk}`}>
          {h.score} {h.risk} {h.trend && <span aria-label={`trend ${h.trend}`}>{TREND[h.trend]}</span>}
        </span>
      );
    },
  }),
  helper.accessor("renewalStatus", {
    id: "renewalStatus",
    header: "Renewal",
    enableSorting: false,
    cell: (c) => <span class={`pill status-${c.getValue()}`}>{c.getValue()}</span>,
  }),
  helper.accessor((r) => r.arr?.value ?? null, { id: "arr", header: "ARR", cell: (c) => formatMoney(c.row.original.arr?.value, c.row.original.arr?.currency) }),
];

/** The accounts table: the server filters, sorts and pages (10,000 accounts stay fast). */
export function AccountsPage() {
  const [view, setView] = useState("all");
  const [q, setQ] = useState("");
  const [search, setSearch] = useState("");
  const [segment, setSegment] = useState("");
  const [sort, setSort] = useState<{ id: string; desc: boolean } | null>({ id: "contractEndsAt", desc: false });
  const [page, setPage] = useState(1);
  const [data, setData] = useState<{ total: number; rows: AccountRow[] } | null>(null);
  const [error, setError] = useState("");
  const query = useMemo(() => {
    const params = new URLSearchParams({ view, page: String(page), pageSize: "50" });
    if (search) params.set("q", search);
    if (segment) params.set("segment", segment);
    if (sort) {
      params.set("sort", sort.id);
      params.set("dir", sort.desc ? "desc" : "asc");
    }
    return params.toString();
  }, [view, page, search, segment, sort]);
  useEffect(() => {
    let live = true;
    api<{ total: number; rows: AccountRow[] }>("GET", `/accounts?${query}`)
      .then((d) => live && setData(d))
      .catch((e: Error) => live && setError(e.message));
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <section>
      <h1>Accounts</h1>
      <div class="views" role="group" aria-label="Ready views">
        {VIEWS.map(([id, label]) => (
          <button key={id} type="button" aria-pressed={view === id} onClick={() => (setView(id), setPage(1))}>
            {label}
          </button>
        ))}
      </div>
      <form
        class="filters"
        role="search"
        onSubmit={(e) => {
          e.preventDefault();
          setSearch(q.trim());
          setPage(1);
        }}
      >
        <label>
          Search <input type="search" value={q} onInput={(e) => setQ((e.target as HTMLInputElement).value)} placeholder="name, id or owner" />
        </label>
        <label>
          Segment{" "}
          <select value={segment} onChange={(e) => (setSegment((e.target as HTMLSelectElement).value), setPage(1))}>
            <option value="">All</option>
            <option value="high_touch">high-touch</option>
            <option value="tech_touch">tech-touch</option>
          </select>
        </label>
        <button type="submit">Search</button>
        <a class="button secondary" href={`/console/api/accounts.csv?${query}`} download>
          Export CSV
        </a>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {data && (
        <DataTable
          caption="Accounts"
          columns={columns}
          rows={data.rows}
          rowId={(r) => r.id}
          total={data.total}
          page={page}
          pageSize={50}
          sort={sort}
          onSort={(s) => (setSort(s), setPage(1))}
          onPage={setPage}
        />
      )}
      <p class="hint">
        Dates are shown to the minute in each account's own zone; hover for the zone. Your zone:{" "}
        {formatInstant(new Date().toISOString(), Intl.DateTimeFormat().resolvedOptions().timeZone)}.
      </p>
    </section>
  );
}
