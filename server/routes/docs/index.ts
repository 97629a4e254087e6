import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { buildOpenApi, routeDocs } from "./openapi.ts";

/** `/v1/openapi.json` and a readable reference at `/docs` (plain HTML, no scripts). */
export const docsRoutes = new Hono<AppEnv>();

let cached: Record<string, unknown> | undefined;

docsRoutes.get("/v1/openapi.json", (c) => {
  cached ??= buildOpenApi(new URL(c.req.url).origin);
  return c.json(cached);
});

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

docsRoutes.get("/docs", (c) => {
  const doc = (cached ??= buildOpenApi(new URL(c.req.url).origin)) as { paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: unknown }> } }>> };
  const sections = routeDocs
    .map((route) => {
      const operation = doc.paths[route.path]?.[route.method];
      const body = operation?.requestBody ? Object.values(operation.requestBody.content)[0]?.schema : undefined;
      return `<section><h2><code>${route.method.toUpperCase()} ${escapeHtml(route.path)}</code></h2>
<p>${escapeHtml(route.summary)}</p><p><small>Auth: ${route.auth === "secret" ? "Authorization: Bearer sk_…" : route.auth === "widget" ? "publishable key + user token in the body" : "none"}</small></p>
${body ? `<details><summary>Request body</summary><pre>${escapeHtml(JSON.stringify(body, null, 2))}</pre></details>` : ""}</section>`;
    })
    .join("\n");
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenure API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Tenure API reference</h1>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>. Every error is <code>{"error":{"code","message","requestId"}}</code> with a 4xx status for bad input.</p>
${sections}</main></body></html>`);
});
