import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { formatInstant, viewerZone } from "../format.ts";
import { href } from "../router.ts";
import { useCan } from "../session.ts";
import { TableHead } from "../components/table-head.tsx";

/** Webhook endpoints, the latest deliveries with their status, and replay. */
export function WebhooksPage() {
  const [data, setData] = useState<any>(null);
  const [error, setError] = useState("");
  const [status, setStatus] = useState("");
  const canReplay = useCan("webhook.replay");
  const load = (): void => {
    api<any>("GET", "/webhooks").then(setData, (e: Error) => setError(e.message));
  };
  useEffect(load, []);
  if (!data)
    return error ? (
      <p role="alert" class="error">
        {error}
      </p>
    ) : (
      <p class="loading">Loading…</p>
    );
  const replay = async (id: string): Promise<void> => {
    setError("");
    try {
      await api("POST", `/webhooks/deliveries/${id}/replay`, {});
      load();
    } catch (e) {
      setError((e as Error).message);
    }
  };
  const deliveries = (data.deliveries as any[]).filter((d) => !status || d.status === status);
  return (
    <section>
      <h1>Webhooks</h1>
      <h2>Endpoints</h2>
      <ul class="endpoints">
        {data.endpoints.length === 0 && <li>No endpoints. Add one with POST /v1/webhooks/endpoints.</li>}
        {data.endpoints.map((e: any) => (
          <li key={e.id}>
            <code>{e.url}</code>{" "}
            {e.disabledAt ? <span class="pill status-lapsed">disabled: {e.disabledReason}</span> : <span class="pill status-renewed">enabled</span>} ·{" "}
            {e.eventTypes ? e.eventTypes.join(", ") : "all events"}
          </li>
        ))}
      </ul>
      <h2>Deliveries</h2>
      <label>
        Status{" "}
        <select value={status} onChange={(e) => setStatus((e.target as HTMLSelectElement).value)}>
          <option value="">All</option>
          <option value="pending">pending</option>
          <option value="succeeded">succeeded</option>
          <option value="failed">failed</option>
        </select>
      </label>
      {error && (
        <p role="alert" class="error">
          {error}
        </p>
      )}
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["Event", "Account", "Status", "Attempts", "Last answer", "Created", "Action"]} />
          <tbody>
            {deliveries.length === 0 && (
              <tr>
                <td colSpan={7}>No deliveries.</td>
              </tr>
            )}
            {deliveries.map((d) => (
              <tr key={d.id}>
                <td>{d.eventType}</td>
                <td>{d.accountId ? <a href={href("accounts", d.accountId)}>{d.accountId}</a> : "—"}</td>
                <td>
                  <span class={`pill delivery-${d.status}`}>{d.status}</span>
                </td>
                <td>{d.attempts}</td>
                <td>{d.lastStatusCode ?? d.lastError ?? "—"}</td>
                <td>{formatInstant(d.createdAt, viewerZone)}</td>
                <td>
                  {canReplay && d.status !== "pending" ? (
                    <button type="button" class="small" onClick={() => void replay(d.id)}>
                      Replay
                    </button>
                  ) : (
                    "—"
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
