import type { RenewalLinkParams } from "../../server/services/renewals/providers.ts";
import type { Scenario } from "../scenarios.ts";
import { esc } from "./html.ts";
import { money } from "./money.ts";

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="/demo/app.css"></head>
<body class="billing">
  <main class="billing-card">
    <p class="brand">▦ Planboard <span>Billing</span></p>
    ${body}
  </main>
</body></html>`;
}

/**
 * Planboard's own checkout, where the widget's renew button leads (Tenure's `url` provider):
 * the signed link names the account, the renewal, the next term and the price. "Pay" plays
 * the payment; the server then tells Tenure with the secret key, as a vendor's billing would.
 */
export function billingPage(scenario: Scenario | null, params: RenewalLinkParams | null, link: string): string {
  if (!params) {
    return page(
      "Planboard billing",
      `<h1>This renewal link is not valid</h1>
    <p>It has expired or was changed. Start again from Planboard: the renew button makes a fresh one.</p>
    <a class="button" href="/demo/">Back to Planboard</a>`,
    );
  }
  const [start, end] = params.term.split("/");
  const price = money(params.amount, params.currency);
  return page(
    `Renew ${scenario?.account.name ?? params.account} — Planboard billing`,
    `<h1>Renew ${esc(scenario?.account.name ?? params.account)}</h1>
    <dl class="facts">
      <dt>Plan</dt><dd>${esc(scenario?.plan ?? "—")}</dd>
      <dt>Next term</dt><dd>${esc(start ?? "")} to ${esc(end ?? "")}</dd>
      <dt>Seats</dt><dd>${params.seats}</dd>
      <dt>Total</dt><dd><strong>${esc(price)}</strong></dd>
    </dl>
    <form method="post" action="/demo/billing/pay">
      <input type="hidden" name="link" value="${esc(link)}">
      <button class="button" type="submit">Pay ${esc(price)}</button>
    </form>
    <p class="muted">A demo checkout: no payment is taken. Paying confirms renewal <code>${esc(params.renewal)}</code> to Tenure
    (<code>POST /v1/accounts/${esc(params.account)}/renewals/${esc(params.renewal)}/complete</code>), and the widget in the
    Planboard tab unlocks by itself.</p>`,
  );
}

/** After "Pay": what Tenure answered. */
export function paidPage(scenario: Scenario | null, outcome: { ok: boolean; message: string }): string {
  const back = `/demo/?account=${encodeURIComponent(scenario?.accountId ?? "")}`;
  return page(
    "Planboard billing",
    outcome.ok
      ? `<h1>Payment received</h1>
    <p>Thank you. ${esc(scenario?.account.name ?? "Your workspace")} is renewed: the Planboard tab unlocks by itself within a couple of seconds. You can close this tab.</p>
    <a class="button" href="${esc(back)}">Back to Planboard</a>`
      : `<h1>The renewal could not be confirmed</h1><p>${esc(outcome.message)}</p><a class="button" href="${esc(back)}">Back to Planboard</a>`,
  );
}
