import { useEffect, useState } from "preact/hooks";
import { api } from "../api.ts";
import { Chart } from "../components/chart.tsx";
import { formatInstant, formatMoney, viewerZone } from "../format.ts";
import { href } from "../router.ts";
import { useCan } from "../session.ts";
import { GiftDialog } from "./gift-dialog.tsx";
import { TableHead } from "../components/table-head.tsx";

type Detail = any;

const LABELS: Record<string, string> = {
  contractEndsAt: "Contract end",
  accessEndsAt: "Access end",
  expiringFrom: "Reminders from",
  graceEndsAt: "Grace end",
  holdUntil: "Renewal hold",
  nextChangeAt: "Next change",
};

/** One account: explain this date, history with revoke, engagement, notes and owner, gift. */
export function AccountPage(props: { id: string }) {
  const [data, setData] = useState<Detail | null>(null);
  const [error, setError] = useState("");
  const [gift, setGift] = useState(false);
  const canGift = useCan("gift");
  const load = (): void => {
    api<Detail>("GET", `/accounts/${encodeURIComponent(props.id)}`).then(setData, (e: Error) => setError(e.message));
  };
  useEffect(load, [props.id]);
  if (error)
    return (
      <p role="alert" class="error">
        {error}
      </p>
    );
  if (!data) return <p class="loading">Loading…</p>;
  const zone = data.account.timezone as string;
  return (
    <section class="account">
      <p>
        <a href={href("accounts")}>← Accounts</a>
      </p>
      <div class="title-row">
        <h1>{data.account.name}</h1>
        {canGift && data.entitlement && (
          <button type="button" onClick={() => setGift(true)}>
            Gift seats or time
          </button>
        )}
      </div>
      <p class="meta">
        {data.account.id} · {data.account.segment.replace("_", "-")} · stage {data.account.stage ?? "—"} · {zone} · owner {data.account.owner ?? "—"}
        {data.entitlement && (
          <>
            {" "}
            · <span class={`pill state-${data.entitlement.state}`}>{data.entitlement.state}</span>
          </>
        )}
      </p>
      <p class={`recommendation rec-${data.recommendation.kind}`}>
        <strong>Recommendation: {data.recommendation.kind}.</strong> {data.recommendation.reason}
      </p>
      <Playbook data={data} zone={zone} />
      <Explain items={data.explain} zone={zone} grants={data.grants} />
      <History data={data} zone={zone} onChange={load} />
      <Engagement data={data} zone={zone} />
      <Notes data={data} onChange={load} />
      {gift && (
        <GiftDialog
          accountId={props.id}
          recommendation={data.recommendation}
          onClose={(saved) => {
            setGift(false);
            if (saved) load();
          }}
        />
      )}
    </section>
  );
}

function Explain(props: { items: any[]; zone: string; grants: any[] }) {
  const reasonOf = (id: string): string => props.grants.find((g) => g.id === id)?.reason ?? "";
  return (
    <section aria-labelledby="explain">
      <h2 id="explain">Explain this date</h2>
      <div class="table-wrap cards" tabIndex={0}>
        <table>
          <thead>
            <tr>
              <th scope="col">Instant</th>
              <th scope="col">Account zone ({props.zone})</th>
              <th scope="col">Your zone ({viewerZone})</th>
              <th scope="col">Rule and ledger rows</th>
            </tr>
          </thead>
          <tbody>
            {props.items.map((item) => (
              <tr key={`${item.key}-${item.at}`}>
                <th scope="row">{LABELS[item.key] ?? item.key}</th>
                <td data-label={props.zone}>{formatInstant(item.at, props.zone)}</td>
                <td data-label={viewerZone}>{formatInstant(item.at, viewerZone)}</td>
                <td data-label="Rule" class="rule">
                  {item.rule}
                  {item.steps.length > 0 && (
                    <ol>
                      {item.steps.map((s: any) => (
                        <li key={s.grantId}>
                          {s.type} {s.grantId} ({reasonOf(s.grantId)}) → {formatInstant(s.endsAt, props.zone)}
                        </li>
                      ))}
                    </ol>
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

function History(props: { data: Detail; zone: string; onChange: () => void }) {
  const canGift = useCan("gift");
  const revoke = async (id: string): Promise<void> => {
    const reason = prompt("Why revoke this gift?");
    if (!reason) return;
    await api("POST", `/accounts/${encodeURIComponent(props.data.account.id)}/grants/${id}/revoke`, { reason });
    props.onChange();
  };
  return (
    <section aria-labelledby="history">
      <h2 id="history">History</h2>
      <h3>Terms</h3>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["#", "Dates (last day inclusive)", "Seats", "Amount", "Plan"]} />
          <tbody>
            {props.data.terms.map((t: any) => (
              <tr key={t.id}>
                <td>{t.seq}</td>
                <td>
                  {t.startDate} – {t.endDate}
                </td>
                <td>{t.seats}</td>
                <td>{formatMoney(t.amount?.value, t.amount?.currency)}</td>
                <td>{t.plan ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <h3>Grants ledger</h3>
      <div class="table-wrap" tabIndex={0}>
        <table>
          <TableHead columns={["When", "What", "Why", "Who", "Status"]} />
          <tbody>
            {props.data.grants.length === 0 && (
              <tr>
                <td colSpan={5}>No grants yet.</td>
              </tr>
            )}
            {props.data.grants.map((g: any) => (
              <tr key={g.id}>
                <td>{formatInstant(g.createdAt, props.zone)}</td>
                <td>{grantLabel(g, props.zone)}</td>
                <td>{g.reason}</td>
                <td>{g.createdBy}</td>
                <td>
                  {g.voidedAt ? (
                    `revoked ${formatInstant(g.voidedAt, props.zone, false)}`
                  ) : canGift &&
                    (g.type === "seats" || g.type === "time" || g.type === "feature") &&
                    !props.data.grants.some((r: any) => r.type === "revoke" && r.revokes === g.id) ? (
                    <button type="button" class="small" onClick={() => void revoke(g.id)}>
                      Revoke
                    </button>
                  ) : (
                    "in force"
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

function grantLabel(g: any, zone: string): string {
  if (g.type === "seats") return `${g.seats} seats`;
  if (g.type === "time") return g.days ? `${g.days} days` : `${g.hours} hours`;
  if (g.type === "hold") return `hold until ${formatInstant(g.until, zone)}`;
  if (g.type === "feature") return `feature ${g.feature}${g.limit != null ? ` (limit ${g.limit})` : g.enabled === false ? " (off)" : ""}`;
  return `revokes ${g.revokes}`;
}

function Engagement(props: { data: Detail; zone: string }) {
  const { health, usage } = props.data;
  const history = (health.history ?? []) as Array<{ date: string; score: number }>;
  const days = (usage.days ?? []) as Array<{ date: string; activeUsers: number; events: number }>;
  const toSeconds = (day: string): number => Date.parse(`${day}T00:00:00Z`) / 1000;
  const canFollowUp = useCan("decline.follow_up");
  const [closed, setClosed] = useState<string[]>([]);
  return (
    <section aria-labelledby="engagement">
      <h2 id="engagement">Engagement</h2>
      <div class="grid">
        <div class="card">
          <h3>
            Health {health.score} · {health.risk} risk
          </h3>
          {history.length > 1 ? (
            <Chart
              title="Health score by day"
              x={history.map((h) => toSeconds(h.date))}
              series={[{ label: "score", color: "#2457d6" }]}
              values={[history.map((h) => h.score)]}
            />
          ) : (
            <p>Not enough daily readings for a trend yet.</p>
          )}
          <table class="compact">
            <caption>Each measure's contribution</caption>
            <TableHead columns={["Measure", "Value", "Points"]} />
            <tbody>
              {(health.measures ?? []).map((m: any) => (
                <tr key={m.metric}>
                  <td>{m.metric}</td>
                  <td>{m.value == null ? "—" : m.value}</td>
                  <td>{m.missing ? "missing" : `${m.contribution.toFixed(1)} pts`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <div class="card">
          <h3>Usage (90 days)</h3>
          {days.length > 0 ? (
            <Chart
              title="Active users and events by day"
              x={days.map((d) => toSeconds(d.date))}
              series={[
                { label: "active users", color: "#0f8a5f" },
                { label: "events", color: "#c27c0e", bars: true },
              ]}
              values={[days.map((d) => d.activeUsers ?? 0), days.map((d) => d.events ?? 0)]}
            />
          ) : (
            <p>No usage recorded.</p>
          )}
          <p>
            Checklists:{" "}
            {props.data.checklists.length === 0
              ? "none started"
              : props.data.checklists.map((c: any) => `${c.checklist}: ${c.stepsDone} steps done`).join(" · ")}
            {" · "}first value:{" "}
            {props.data.milestones.find((m: any) => m.milestone === "first_value")
              ? "reached"
              : props.data.milestones.find((m: any) => m.milestone === "first_value_missed")
                ? "missed"
                : "not yet"}
          </p>
        </div>
      </div>
      <div class="grid">
        <div class="card">
          <h3>Reminders sent</h3>
          <ul>
            {props.data.reminders.length === 0 && <li>None yet.</li>}
            {props.data.reminders.map((r: any) => (
              <li key={r.days}>
                {r.days} days before · {r.status} · {r.inApp ? "in-app + webhook" : "CSM task"} · {formatInstant(r.dueAt, props.zone)}
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h3>Renewals and declines</h3>
          <ul>
            {props.data.renewals.length === 0 && props.data.declines.length === 0 && <li>None yet.</li>}
            {props.data.renewals.map((r: any) => (
              <li key={r.id}>
                {r.status} · started {formatInstant(r.startedAt, props.zone)} · {r.provider}
              </li>
            ))}
            {props.data.declines.map((d: any) => (
              <li key={d.id}>
                declined: {d.reason.replace(/_/g, " ")}
                {d.detail ? ` — “${d.detail}”` : ""} · recovery {closed.includes(d.id) ? "closed" : d.recoveryStatus}
                {canFollowUp && d.recoveryStatus === "open" && !closed.includes(d.id) && (
                  <button
                    type="button"
                    class="small"
                    onClick={() =>
                      void api("POST", `/accounts/${encodeURIComponent(props.data.account.id)}/declines/${d.id}/close`, {}).then(() =>
                        setClosed([...closed, d.id]),
                      )
                    }
                  >
                    Mark followed up
                  </button>
                )}
              </li>
            ))}
          </ul>
        </div>
        <div class="card">
          <h3>Webhooks for this account</h3>
          <ul>
            {props.data.webhooks.length === 0 && <li>None yet.</li>}
            {props.data.webhooks.slice(0, 12).map((w: any) => (
              <li key={w.id}>
                {w.type} · {formatInstant(w.createdAt, props.zone)} · {w.delivered} delivered{w.failed ? `, ${w.failed} failed` : ""}
              </li>
            ))}
          </ul>
        </div>
      </div>
    </section>
  );
}

function Notes(props: { data: Detail; onChange: () => void }) {
  const canNote = useCan("note");
  const canOwn = useCan("owner.set");
  const [note, setNote] = useState("");
  const [owner, setOwner] = useState<string>(props.data.account.owner ?? "");
  const id = encodeURIComponent(props.data.account.id);
  return (
    <section aria-labelledby="notes" class="grid">
      <div class="card">
        <h2 id="notes">Notes</h2>
        {canNote && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void api("POST", `/accounts/${id}/notes`, { body: note }).then(() => (setNote(""), props.onChange()));
            }}
          >
            <label>
              New note <textarea value={note} onInput={(e) => setNote((e.target as HTMLTextAreaElement).value)} required rows={3} />
            </label>
            <button type="submit">Add note</button>
          </form>
        )}
        <ul class="notes">
          {props.data.notes.length === 0 && <li>No notes yet.</li>}
          {props.data.notes.map((n: any) => (
            <li key={n.id}>
              <p>{n.body}</p>
              <small>
                {n.author} · {formatInstant(n.createdAt, viewerZone)}
              </small>
            </li>
          ))}
        </ul>
      </div>
      <div class="card">
        <h2>Owner</h2>
        {canOwn ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void api("PUT", `/accounts/${id}/owner`, { owner: owner.trim() || null }).then(props.onChange);
            }}
          >
            <label>
              Staff email or CRM id <input value={owner} onInput={(e) => setOwner((e.target as HTMLInputElement).value)} />
            </label>
            <button type="submit">Save owner</button>
          </form>
        ) : (
          <p>{props.data.account.owner ?? "No owner"}</p>
        )}
      </div>
    </section>
  );
}

/** The renewal playbook's record: the opportunity handed to the owner at the first milestone, and offers shown after declines. */
function Playbook(props: { data: any; zone: string }) {
  const opportunity = props.data.opportunities?.[0];
  const offers: any[] = props.data.offers ?? [];
  if (!opportunity && offers.length === 0) return null;
  const money = (amount: { value: number; currency: string } | null): string => (amount ? formatMoney(amount.value, amount.currency) : "—");
  return (
    <section aria-labelledby="playbook">
      <h2 id="playbook">Renewal playbook</h2>
      {opportunity && (
        <dl class="opportunity">
          <dt>Opportunity</dt>
          <dd>
            Opened {formatInstant(opportunity.openedAt, props.zone)} at the {opportunity.milestoneDays}-day milestone
          </dd>
          <dt>Owner</dt>
          <dd>{opportunity.owner ?? "No owner"}</dd>
          <dt>Contract end</dt>
          <dd>{opportunity.contractEndDate}</dd>
          <dt>Next term</dt>
          <dd>
            {opportunity.nextTerm
              ? `${opportunity.nextTerm.startDate} – ${opportunity.nextTerm.endDate}, ${opportunity.nextTerm.seats} seats, ${money(opportunity.nextTerm.amount)}`
              : "—"}
          </dd>
          <dt>Health at hand-off</dt>
          <dd>
            {opportunity.health.score} ({opportunity.health.risk} risk)
          </dd>
        </dl>
      )}
      {offers.length > 0 && (
        <div class="table-wrap" tabIndex={0}>
          <table>
            <TableHead columns={["Offer", "After reason", "Status", "Shown", "Decided"]} />
            <tbody>
              {offers.map((o) => (
                <tr key={o.id}>
                  <td>{offerLabel(o.offer)}</td>
                  <td>{o.reason.replaceAll("_", " ")}</td>
                  <td>
                    <span class={`pill offer-${o.status}`}>{o.status}</span>
                  </td>
                  <td>{formatInstant(o.shownAt, props.zone)}</td>
                  <td>{o.decidedAt ? `${formatInstant(o.decidedAt, props.zone)} by ${o.decidedBy}` : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

function offerLabel(offer: any): string {
  switch (offer.kind) {
    case "discount":
      return `${offer.percent} % off the next term`;
    case "extension":
      return `${offer.days} days of access`;
    case "bonus_seats":
      return `${offer.seats} bonus seats next term`;
    case "twelve_plus_one":
      return "12 + 1 months";
    case "upgrade_trial":
      return `${offer.feature} trial for ${offer.days} days`;
    default:
      return String(offer.kind);
  }
}
