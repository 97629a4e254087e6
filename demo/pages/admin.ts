import type { Scenario } from "../scenarios.ts";
import { esc } from "./html.ts";
import { money } from "./money.ts";

/** What the staff console shows per account, read through the vendor API. */
export interface AccountOverview {
  scenario: Scenario;
  state: string;
  lockMode: string;
  health: { score: number; risk: string } | null;
  renewals: Array<{ id: string; status: string; provider: string; amount: { value: number; currency: string } | null; holdUntil: string | null; invoice: { reference: string } | null; startedAt: string }>;
  declines: Array<{ reason: string; detail: string | null; userId: string; at: string }>;
}

function renewalRow(account: string, r: AccountOverview["renewals"][number]): string {
  const confirm =
    r.status === "pending"
      ? `<form method="post" action="/demo/admin/complete"><input type="hidden" name="account" value="${esc(account)}"><input type="hidden" name="renewal" value="${esc(r.id)}">
         <button class="button" type="submit">Confirm payment (as vendor staff)</button></form>`
      : "";
  const hold = r.holdUntil ? `held until ${esc(new Date(r.holdUntil).toISOString().slice(0, 16).replace("T", " "))} UTC` : "no hold";
  return `<li><code>${esc(r.id)}</code> · ${esc(r.status)} · ${esc(r.provider)} · ${esc(money(r.amount?.value ?? null, r.amount?.currency ?? null))}
    ${r.invoice ? ` · ref <code>${esc(r.invoice.reference)}</code>` : ""} · ${r.status === "pending" ? hold : ""} ${confirm}</li>`;
}

/**
 * The vendor's staff view of the demo (what a CS or finance console would call through the
 * API): each account's state, health and risk, its renewals with a "confirm payment" action,
 * and the reasons customers gave for not renewing.
 */
export function adminPage(accounts: AccountOverview[], notice: string | null): string {
  const rows = accounts
    .map((a) => {
      const risk = a.health ? `<span class="risk ${esc(a.health.risk)}">${esc(a.health.risk)} risk</span> · score ${a.health.score}` : "—";
      const renewals = a.renewals.length ? `<ul class="plain">${a.renewals.map((r) => renewalRow(a.scenario.accountId, r)).join("")}</ul>` : '<span class="muted">none</span>';
      const declines = a.declines.length
        ? `<ul class="plain">${a.declines.map((d) => `<li>${esc(d.reason.replaceAll("_", " "))}${d.detail ? `: “${esc(d.detail)}”` : ""} <span class="muted">(${esc(d.userId)})</span></li>`).join("")}</ul>`
        : '<span class="muted">none</span>';
      return `<tr>
        <th scope="row"><a href="/demo/?account=${encodeURIComponent(a.scenario.accountId)}">${esc(a.scenario.account.name)}</a><br><span class="muted">${esc(a.scenario.label)}</span></th>
        <td>${esc(a.state)}${a.state === "locked" ? ` (${esc(a.lockMode)})` : ""}</td>
        <td>${risk}</td>
        <td>${renewals}</td>
        <td>${declines}</td>
      </tr>`;
    })
    .join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planboard staff — renewals and health</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="/demo/app.css"></head>
<body class="admin">
  <header class="top"><span class="brand">▦ Planboard <span>Staff</span></span><a href="/demo/">Back to the app</a></header>
  <main class="content">
    <h1>Customer accounts</h1>
    <p class="muted">Read through Tenure's API with the secret key, as Planboard's own console would. Open an account in the app,
    press the widget's renew button, then confirm the payment here: the widget unlocks within two seconds.</p>
    ${notice ? `<p class="notice" role="status">${esc(notice)}</p>` : ""}
    <table class="accounts">
      <thead><tr><th scope="col">Account</th><th scope="col">State</th><th scope="col">Health</th><th scope="col">Renewals</th><th scope="col">Won't renew</th></tr></thead>
      <tbody>${rows}</tbody>
    </table>
  </main>
</body></html>`;
}
