import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { formatMoney, percent } from "../format.ts";
import { href } from "../router.ts";
import { TableHead } from "../components/table-head.tsx";

/** GRR, NRR, renewal rates and logo churn for a chosen period, each with its definition and accounts. */
export function MetricsPage() {
  const today = new Date();
  const [from, setFrom] = useState(new Date(today.getTime() - 365 * 86_400_000).toISOString().slice(0, 10));
  const [to, setTo] = useState(today.toISOString().slice(0, 10));
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState("");
  const load = (): void => {
    setError("");
    api<any>("GET", `/metrics?from=${from}&to=${to}`).then(setData, (e: Error) => setError(e.message));
  };
  useEffect(load, []);
  const d = data?.definitions ?? {};
  return (
    <section>
      <h1>Metrics</h1>
      <form
        class="filters"
        onSubmit={(e) => {
          e.preventDefault();
          load();
        }}
      >
        <label>
          Terms ending from <input type="date" value={from} onInput={(e) => setFrom((e.target as HTMLInputElement).value)} required />
        </label>
        <label>
          to <input type="date" value={to} onInput={(e) => setTo((e.target as HTMLInputElement).value)} required />
        </label>
        <button type="submit">Show</button>
      </form>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      {data && (
        <>
          <div class="figures">
            <Figure
              label="Renewal rate (count)"
              value={percent(data.renewalRateByCount)}
              definition={d.renewalRateByCount}
              detail={`${data.renewed} of ${data.terms} terms`}
            />
            <Figure label="Logo churn" value={percent(data.logoChurn)} definition={d.logoChurn} detail={`${data.churned} churned · ${data.open} still open`} />
          </div>
          <h2>Revenue retention by currency</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <TableHead columns={["Currency", "GRR", "NRR", "Renewal rate (ARR)", "ARR ending", "ARR kept (≤ old)", "ARR renewed"]} />
              <tbody>
                {Object.entries(data.byCurrency as Record<string, any>).map(([currency, c]) => (
                  <tr key={currency}>
                    <th scope="row">{currency}</th>
                    <td>{percent(c.grr)}</td>
                    <td>{percent(c.nrr)}</td>
                    <td>{percent(c.renewalRateByArr)}</td>
                    <td>{formatMoney(c.startingArr, currency)}</td>
                    <td>{formatMoney(c.retainedArr, currency)}</td>
                    <td>{formatMoney(c.renewedArr, currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <dl class="definitions">
            <dt>GRR</dt>
            <dd>{d.grr}</dd>
            <dt>NRR</dt>
            <dd>{d.nrr}</dd>
            <dt>Renewal rate (ARR)</dt>
            <dd>{d.renewalRateByArr}</dd>
          </dl>
          <details>
            <summary>How the cohort is chosen</summary>
            <p>{d.cohort}</p>
            <p>{d.arr}</p>
            <p>
              Renewed: {d.renewed} Churned: {d.churned} Open: {d.open}
            </p>
          </details>
          <h2>The accounts behind these figures</h2>
          <div class="table-wrap" tabIndex={0}>
            <table>
              <TableHead columns={["Account", "Last day", "Outcome", "ARR", "Next ARR"]} />
              <tbody>
                {data.accounts.length === 0 && (
                  <tr>
                    <td colSpan={5}>No terms ended in this period.</td>
                  </tr>
                )}
                {data.accounts.map((a: any) => (
                  <tr key={`${a.accountId}-${a.endDate}`}>
                    <td>
                      <a href={href("accounts", a.accountId)}>{a.name}</a>
                    </td>
                    <td>{a.endDate}</td>
                    <td>
                      <span class={`pill outcome-${a.outcome}`}>{a.outcome}</span>
                    </td>
                    <td>{formatMoney(a.arr, a.currency)}</td>
                    <td>{formatMoney(a.nextArr, a.currency)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
    </section>
  );
}

function Figure(props: { label: string; value: string; definition: string; detail: string }) {
  return (
    <div class="figure card">
      <h2>{props.label}</h2>
      <p class="big">{props.value}</p>
      <p>{props.detail}</p>
      <p class="definition">{props.definition}</p>
    </div>
  );
}
