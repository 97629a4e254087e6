import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { declare, documentedRouter, noKey } from "../openapi.ts";
import { openApiDocument } from "./document.ts";

/** `/v1/openapi.json` and a readable reference at `/docs`. */
export const docsRoutes = documentedRouter();

const openApiJson = createRoute({
  method: "get",
  path: "/v1/openapi.json",
  tags: ["Service"],
  summary: "This document (OpenAPI 3.1)",
  description: "Its server is `PUBLIC_URL` when configured, else relative: never taken from a request's Host.",
  security: noKey,
  responses: { 200: { description: "The OpenAPI document", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } } },
});
declare(docsRoutes, openApiJson, (c) => c.json(openApiDocument(publicUrlOf(c.get("deps").publicUrl))));

function publicUrlOf(publicUrl: string | undefined): { publicUrl?: string } {
  return publicUrl ? { publicUrl } : {};
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

const docsPage = createRoute({
  method: "get",
  path: "/docs",
  tags: ["Service"],
  summary: "The API reference, readable",
  security: noKey,
  responses: { 200: { description: "HTML", content: { "text/html": { schema: z.string() } } } },
});
declare(docsRoutes, docsPage, (c) => {
  const doc = openApiDocument(publicUrlOf(c.get("deps").publicUrl)) as { paths: Record<string, Record<string, { summary?: string }>> };
  const sections = Object.entries(doc.paths)
    .flatMap(([path, operations]) =>
      Object.entries(operations).map(
        ([method, operation]) => `<section><h2><code>${method.toUpperCase()} ${escapeHtml(path)}</code></h2><p>${escapeHtml(operation.summary ?? "")}</p></section>`,
      ),
    )
    .join("\n");
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tenure API reference</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><main><h1>Tenure API reference</h1>
<p>Machine-readable: <a href="/v1/openapi.json">/v1/openapi.json</a>. Every error is <code>{"error":{"code","message","requestId"}}</code> with a 4xx status for bad input.</p>
${sections}</main></body></html>`);
});
