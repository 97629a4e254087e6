import { createRoute } from "@hono/zod-openapi";
import { Scalar } from "@scalar/hono-api-reference";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { errorResponse } from "../../middleware/errors.ts";
import { declare, documentedRouter, errors, noKey } from "../openapi.ts";
import { openApiDocument } from "./document.ts";

/** `/v1/openapi.json`, the Scalar API reference at `/docs`, its script, and the guides. */
export const docsRoutes = documentedRouter();

/** The guides, in reading order (docs/guides/*.md, copied beside the widget by the build). */
export const GUIDES = [
  "README",
  "quick-start",
  "widget-js-api",
  "csp",
  "enforcing-locks",
  "webhooks",
  "react-nextjs",
  "local-testing",
  "settings",
  "deploy-workers",
];

function documentFor(c: Context<AppEnv>): Record<string, unknown> {
  const publicUrl = c.get("deps").publicUrl;
  return openApiDocument(publicUrl ? { publicUrl } : {});
}

const openApiJson = createRoute({
  method: "get",
  path: "/v1/openapi.json",
  tags: ["Service"],
  summary: "This document (OpenAPI 3.1)",
  description: "Its server is `PUBLIC_URL` when configured, else relative: never taken from a request's Host.",
  security: noKey,
  responses: { 200: { description: "The OpenAPI document", content: { "application/json": { schema: z.record(z.string(), z.unknown()) } } } },
});
declare(docsRoutes, openApiJson, (c) => c.json(documentFor(c), 200, { "Access-Control-Allow-Origin": "*" }));

function newNonce(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return btoa(String.fromCharCode(...bytes));
}

/**
 * The reference page's policy: scripts only by this response's nonce (no eval), requests only
 * to this server, nothing from a CDN, no fonts from elsewhere. Styles may be inline: the
 * reference's components add style elements and attributes of their own at run time.
 */
function docsCsp(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}'`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join("; ");
}

const docsPage = createRoute({
  method: "get",
  path: "/docs",
  tags: ["Service"],
  summary: "The API reference (Scalar), with links to the guides",
  description: "Served with its own script (`/docs/scalar.js`) under a strict, nonce-based Content-Security-Policy; it loads nothing from elsewhere.",
  security: noKey,
  responses: { 200: { description: "HTML", content: { "text/html": { schema: z.string() } } } },
});
declare(docsRoutes, docsPage, async (c) => {
  const nonce = newNonce();
  const render = Scalar<AppEnv>({
    pageTitle: "Tenure API reference",
    url: "/v1/openapi.json",
    cdn: "/docs/scalar.js",
    nonce,
    withDefaultFonts: false,
    telemetry: false,
    hideClientButton: false,
    showDeveloperTools: "never",
    theme: "default",
    agent: { disabled: true },
    mcp: { disabled: true },
  });
  const response = await render(c, async () => undefined);
  // The reference's schema library probes for eval at start; told not to, it never tries.
  const html = (await (response as Response).text()).replace(
    "</head>",
    `<script nonce="${nonce}">globalThis.__zod_globalConfig = { jitless: true };</script></head>`,
  );
  return c.html(html, 200, {
    "Content-Security-Policy": docsCsp(nonce),
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
  });
});

async function serveDocsFile(c: Context<AppEnv>, file: string, type: string): Promise<Response> {
  const response = await c.get("deps").assets?.(`docs/${file}`);
  if (!response) return errorResponse(c, "not_found", "the reference is not built; run npm run build");
  return c.body(await response.arrayBuffer(), 200, { "Content-Type": type, "Cache-Control": "public, max-age=3600", "X-Content-Type-Options": "nosniff" });
}

const scalarScript = createRoute({
  method: "get",
  path: "/docs/scalar.js",
  tags: ["Service"],
  summary: "The reference page's script (Scalar's browser bundle, served by Tenure itself)",
  security: noKey,
  responses: { 200: { description: "JavaScript", content: { "text/javascript": { schema: z.string() } } }, ...errors(404) },
});
declare(docsRoutes, scalarScript, (c) => serveDocsFile(c, "scalar.js", "text/javascript; charset=utf-8"));

const guidesIndex = createRoute({
  method: "get",
  path: "/docs/guides",
  tags: ["Service"],
  summary: "The guides, in reading order",
  description: "Redirects to their index, `/docs/guides/README.md`, so the guides' relative links work.",
  security: noKey,
  responses: { 302: { description: "To /docs/guides/README.md" } },
});
declare(docsRoutes, guidesIndex, (c) => c.redirect("/docs/guides/README.md", 302));

const guide = createRoute({
  method: "get",
  path: "/docs/guides/{name}",
  tags: ["Service"],
  summary: "One guide (Markdown)",
  security: noKey,
  request: { params: z.object({ name: z.string().describe("e.g. quick-start.md") }) },
  responses: { 200: { description: "Markdown", content: { "text/markdown": { schema: z.string() } } }, ...errors(404) },
});
declare(docsRoutes, guide, (c) => {
  const name = (c.req.param("name") ?? "").replace(/\.md$/, "");
  if (!GUIDES.includes(name)) return errorResponse(c, "not_found", `no guide ${name.slice(0, 64)}; see /docs/guides`);
  return serveDocsFile(c, `guides/${name}.md`, "text/markdown; charset=utf-8");
});
