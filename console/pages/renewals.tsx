import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { Chart } from "../components/chart.tsx";
import { formatArr, formatInstant, formatMoney, viewerZone } from "../format.ts";
import { href } from "../router.ts";
import { useCan } from "../session.ts";
import { TableHead } from "../components/table-head.tsx";

const COLORS = ["#2457d6", "#0f8a5f", "#c27c0e", "#a4329e", "#5c6370"];

/** Contract ends by month with ARR, the pipeline, at-risk ARR, and invoices to confirm. */
export function RenewalsPage() {
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState("");
  const canConfirm = useCan("invoice.confirm");
  const [currency, setCurrency] = useState("");
  const load = (): void => {
    api<any>("GET", "/renewals").then(setData, (e: Error) => setError(e.message));
  };
  useEffect(load, []);
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!data) return <p class="loading">Loading…</p>;
  const months = data.months as Array<{ month: string; contracts: number; arr: Record<string, number> }>;
  const currencies = [...new Set(months.flatMap((m) => Object.keys(m.arr)))].sort();
  // One currency at a time: amounts in different currencies do not share an axis.
  const shown = currency && currencies.includes(currency) ? currency : (currencies[0] ?? "");
  const confirm = async (id: string): Promise<void> => {
    await api("POST", `/renewals/${id}/confirm`, {});
    load();
  };
  return (
    <section>
      <h1>Renewals</h1>
      <p class="hint">
        {data.from} to {data.to}. A term counts in the month of its last day in the account's zone; time gifts never move it.
      </p>
      <div class="grid">
        <div class="card wide">
          <label>
            Currency{" "}
            <select value={shown} onChange={(e) => setCurrency((e.target as HTMLSelectElement).value)}>
              {currencies.map((c) => (
                <option key={c}>{c}</option>
              ))}
            </select>
          </label>
          <Chart
            title={`ARR by renewal month, ${shown} (minor units ÷ 100, JPY as is)`}
            x={months.map((_, i) => i)}
            categories={months.map((m) => m.month)}
            series={[{ label: `ARR ${shown}`, color: COLORS[0]!, bars: true }]}
            values={[months.map((m) => (m.arr[shown] ?? 0) / (shown === "JPY" ? 1 : 100))]}
          />
        </div>
      </div>
      <h2>Calendar of contract ends</h2>
      <div class="calendar">
        {months.map((m) => (
          <div key={m.month} class="month">
            <h3>{m.month}</h3>
            <p>
              <strong>{m.contracts}</strong> contracts
            </p>
            <p>{formatArr(m.arr)}</p>
            <ul>
              {(data.contracts as any[])
                .filter((c) => c.month === m.month)
                .slice(0, 6)
                .map((c) => (
                  <li key={c.id}>
                    <a href={href("accounts", c.id)}>{c.name}</a> <span class={`pill status-${c.status}`}>{c.status}</span>
                  </li>
                ))}
            </ul>
          </div>
        ))}
      </div>
      <div class="grid">
        <div class="card">
          <h2>Pipeline</h2>
          <table class="compact">
            <TableHead columns={["Status", "Contracts", "ARR"]} />
            <tbody>
              {Object.entries(data.pipeline as Record<string, { contracts: number; arr: Record<string, number> }>).map(([status, p]) => (
                <tr key={status}>
                  <td>
                    <span class={`pill status-${status}`}>{status}</span>
                  </td>
                  <td>{p.contracts}</td>
                  <td>{formatArr(p.arr)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h2>At-risk ARR</h2>
          <p>
            <strong>{formatArr(data.atRisk.arr)}</strong> in {data.atRisk.contracts} high-risk contracts not yet renewed.
          </p>
          <ul>
            {data.atRisk.accounts.map((a: any) => (
              <li key={a.id}>
                <a href={href("accounts", a.id)}>{a.name}</a> · ends {a.endDate} · {formatMoney(a.arr?.value, a.arr?.currency)} · {a.status}
              </li>
            ))}
          </ul>
        </div>
      </div>
      <h2>Invoices to confirm</h2>
      <p class="hint">Invoice renewals wait here for the bank transfer; billing-page renewals too, in case your billing system's callback never came.</p>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["Account", "Reference", "Amount", "Started", "Due", "Action"]} />
          <tbody>
            {data.invoices.length === 0 && (
              <tr>
                <td colSpan={6}>No invoices waiting.</td>
              </tr>
            )}
            {data.invoices.map((i: any) => (
              <tr key={i.id}>
                <td>
                  <a href={href("accounts", i.accountId)}>{i.name}</a>
                </td>
                <td>{i.reference ?? `billing page (${i.provider})`}</td>
                <td>{formatMoney(i.amount?.value, i.amount?.currency)}</td>
                <td>{formatInstant(i.startedAt, viewerZone)}</td>
                <td>
                  {formatInstant(i.expiresAt, viewerZone)} {i.status === "expired" && <span class="pill status-lapsed">overdue</span>}
                </td>
                <td>
                  {canConfirm ? (
                    <button type="button" class="small" onClick={() => void confirm(i.id)}>
                      Confirm payment
                    </button>
                  ) : (
                    "finance confirms"
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
