import type { Scenario } from "../scenarios.ts";
import { esc } from "./html.ts";

/** Where the renew button leads until one-click renewal exists: the vendor's own billing page. */
export function billingPage(scenario: Scenario | null): string {
  const name = scenario ? scenario.account.name : "your workspace";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planboard billing — renew</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="/demo/app.css"></head>
<body class="billing">
  <main class="billing-card">
    <p class="brand">▦ Planboard <span>Billing</span></p>
    <h1>Renew ${esc(name)}</h1>
    <p>Plan: <strong>${esc(scenario?.plan ?? "—")}</strong> · ${scenario?.seats ?? 0} seats · account <code>${esc(scenario?.accountId ?? "unknown")}</code></p>
    <p class="muted">This is the vendor's renewal page the widget's renew button opens, with the account prefilled.
    One-click renewal from inside the widget comes in a later release.</p>
    <a class="button" href="/demo/?account=${encodeURIComponent(scenario?.accountId ?? "")}">Back to Planboard</a>
  </main>
</body></html>`;
}
