/**
 * The vendor's page, served from its own origin (another port on 127.0.0.1), so the
 * widget's calls to Tenure are real cross-origin requests under CORS.
 */
import { createServer } from "node:http";
import type { Server } from "node:http";

export interface HostRoute {
  body: string;
  type?: string;
  headers?: Record<string, string>;
  /** Answer this much later, like a slow vendor backend (e.g. a token endpoint). */
  delayMs?: number;
}

export interface HostServer {
  url: string;
  origin: string;
  route(path: string, route: HostRoute): void;
  close(): Promise<void>;
}

export async function startHost(): Promise<HostServer> {
  const routes = new Map<string, HostRoute>([
    ["/host.js", { body: HOST_JS, type: "text/javascript" }],
    ["/favicon.ico", { body: "", type: "image/x-icon" }],
  ]);
  const server: Server = createServer((req, res) => {
    const route = routes.get((req.url ?? "/").split("?")[0]!);
    if (!route) return void res.writeHead(404).end("not found");
    const answer = (): void => {
      res.writeHead(200, { "Content-Type": route.type ?? "text/html; charset=utf-8", "Cache-Control": "no-store", ...route.headers });
      res.end(route.body);
    };
    if (route.delayMs) setTimeout(answer, route.delayMs);
    else answer();
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    origin: url,
    route: (path, route) => void routes.set(path, route),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}

/** The host app's own behaviour, from 'self' so it runs under a strict CSP too. */
const HOST_JS = `
window.__csp = [];
document.addEventListener("securitypolicyviolation", function (e) { window.__csp.push(e.violatedDirective + " " + e.blockedURI); });
document.addEventListener("DOMContentLoaded", function () {
  document.getElementById("new-task").addEventListener("submit", function (e) {
    e.preventDefault();
    document.getElementById("added").textContent = "Added: " + document.getElementById("task").value;
  });
});`;

export interface SnippetOptions {
  tenureUrl: string;
  publishableKey: string;
  userToken: string;
  locale?: string;
  nonce?: string;
}

/** The script tag from PRODUCT.md, verbatim in shape, plus `state`, `ready`, `renewal` and `error` listeners the tests read. */
export function snippet(options: SnippetOptions): string {
  const nonce = options.nonce ? ` nonce="${options.nonce}"` : "";
  const init = JSON.stringify({ publishableKey: options.publishableKey, userToken: options.userToken, ...(options.locale ? { locale: options.locale } : {}) });
  return `<script${nonce}>
  (function (w) { w.Tenure = w.Tenure || function () { (w.Tenure.q = w.Tenure.q || []).push(arguments); }; })(window);
  Tenure('init', ${init});
  window.__tenureEvents = [];
  Tenure('on', 'state', function (s) { window.__tenureEvents.push(['state', s]); });
  Tenure('on', 'ready', function () { window.__tenureEvents.push(['ready']); });
  Tenure('on', 'renewal', function (r) { window.__tenureEvents.push(['renewal', r]); });
  Tenure('on', 'error', function (e) { window.__tenureEvents.push(['error', e]); });
</script>
<script async${nonce} src="${options.tenureUrl}/widget.js"></script>`;
}

/** A small project-management page: enough layout for style-leak checks and usability checks. */
export function hostPage(head: string, extraHead = ""): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Planboard — Projects</title><script src="/host.js"></script>${extraHead}${head}</head>
<body>
  <header><h1>Planboard</h1><nav><a href="#projects">Projects</a> <a href="#team">Team</a></nav></header>
  <main>
    <h2>Projects</h2>
    <ul id="projects"><li>Website relaunch</li><li>Q3 roadmap</li></ul>
    <form id="new-task"><label>New task <input id="task" name="task"></label> <button id="add" type="submit">Add</button></form>
    <p id="added"></p>
  </main>
</body></html>`;
}
