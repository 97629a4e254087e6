import type { DemoUser, Scenario } from "../scenarios.ts";
import { SCENARIOS } from "../scenarios.ts";
import { esc, scriptJson } from "./html.ts";

interface Props {
  scenario: Scenario;
  user: DemoUser;
  userToken: string;
  publishableKey: string;
  nonce: string;
}

const COLUMNS: Array<[string, string[]]> = [
  ["To do", ["Draft launch announcement", "Collect logo variants", "Plan user interviews"]],
  ["In progress", ["Pricing page copy", "Onboarding email sequence"]],
  ["Done", ["Kick-off meeting", "Competitor review"]],
];

function switcher(current: Scenario, user: DemoUser): string {
  const accounts = SCENARIOS.map(
    (s) => `<option value="${esc(s.accountId)}"${s === current ? " selected" : ""}>${esc(s.label)} — ${esc(s.account.name)}</option>`,
  ).join("");
  const roles = current.users.map((u) => `<option value="${u.role}"${u === user ? " selected" : ""}>${esc(u.name)} (${u.role})</option>`).join("");
  return `<form class="switcher" method="get" action="/demo/" aria-label="Demo switcher">
    <strong>Demo</strong>
    <label>Account <select name="account" data-autosubmit>${accounts}</select></label>
    <label>Signed in as <select name="user" data-autosubmit>${roles}</select></label>
    <noscript><button type="submit">Switch</button></noscript>
    <span class="muted">Each account is seeded in a different state; tokens are minted on this server.</span>
    <a href="/console/">Staff console (renewals, health)</a>
  </form>`;
}

/** Planboard's dashboard: a vendor's app with the real Tenure snippet in its head. */
export function dashboardPage({ scenario, user, userToken, publishableKey, nonce }: Props): string {
  const init = { publishableKey, userToken };
  const board = COLUMNS.map(
    ([title, cards]) => `<section class="column" aria-label="${esc(title)}"><h3>${esc(title)} <span class="count">${cards.length}</span></h3>
      <ul${title === "To do" ? ' id="todo"' : ""}>${cards.map((card) => `<li class="card">${esc(card)}</li>`).join("")}</ul></section>`,
  ).join("");
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planboard — ${esc(scenario.account.name)}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,">
<link rel="stylesheet" href="/demo/app.css">
<script nonce="${nonce}">
  (function (w) { w.Tenure = w.Tenure || function () { (w.Tenure.q = w.Tenure.q || []).push(arguments); }; })(window);
  Tenure('init', ${scriptJson(init)});
</script>
<script async nonce="${nonce}" src="/widget.js"></script>
<script defer src="/demo/app.js"></script>
</head>
<body>
<div class="shell">
  <nav class="side" aria-label="Main">
    <p class="brand">▦ Planboard</p>
    <a class="active" href="#">Projects</a><a href="#">My tasks</a><a href="#">Team</a><a href="#">Reports</a><a href="#">Settings</a>
    <hr>
    ${user.role === "admin" ? '<button type="button" class="link" data-tenure-open="seats">Plan &amp; seats</button>' : ""}
    <button type="button" class="link" data-tenure-open="renew">Subscription</button>
    <button type="button" class="link" data-tenure-open="checklist">Getting started</button>
  </nav>
  <div class="main">
    <header class="top">
      <div><span class="workspace">${esc(scenario.account.name)}</span> <span class="plan">${esc(scenario.plan)}</span></div>
      <input class="search" type="search" placeholder="Search tasks" aria-label="Search tasks">
      <span class="pill" id="tenure-state" title="What Tenure tells the host app">state: …</span>
      <span class="user">${esc(user.name)} <small>${user.role}</small></span>
      <button type="button" id="logout">Log out</button>
    </header>
    ${switcher(scenario, user)}
    <p id="read-only" class="read-only" hidden>Read-only mode: the subscription has ended, so editing is switched off until it is renewed.</p>
    <main class="content">
      <div class="content-head">
        <h1>Website relaunch</h1>
        <form id="new-task" class="new-task"><label>New task <input name="task" id="task" required data-write></label>
          <button type="submit" data-write>Add task</button></form>
      </div>
      <div class="actions" role="group" aria-label="Board actions">
        <button type="button" data-track="invite" data-write>Invite teammate</button>
        <button type="button" data-track="report">Open report</button>
        <button type="button" data-track="export">Export CSV</button>
      </div>
      <p id="activity" class="activity muted" role="status"></p>
      <div class="board">${board}</div>
    </main>
  </div>
</div>
<div id="signed-out" class="signed-out" hidden><p>You are signed out. <a href="">Sign in again</a></p></div>
</body></html>`;
}
