import { esc } from "./html.ts";

const TOPICS: Record<string, { title: string; body: string }> = {
  tasks: { title: "Create a task", body: "Type a task in “New task” at the top of the board and press Add task. It lands in To do." },
  team: { title: "Invite your team", body: "Use “Invite teammate” on the board. Each invitation counts towards the onboarding checklist." },
  reports: {
    title: "Open a report",
    body: "Use “Open report” on the board to see how your projects are going. Your first report is when Planboard starts paying off.",
  },
};

/** Planboard's help centre, where the checklist's step links lead. */
export function helpPage(topic: string, back: string): string | null {
  const found = TOPICS[topic];
  if (!found) return null;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${esc(found.title)} — Planboard help</title>
<meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><link rel="stylesheet" href="/demo/app.css"></head>
<body class="billing"><main class="billing-card">
  <p class="brand">▦ Planboard <span>Help</span></p>
  <h1>${esc(found.title)}</h1><p>${esc(found.body)}</p>
  <a class="button" href="${esc(back)}">Back to Planboard</a>
</main></body></html>`;
}
