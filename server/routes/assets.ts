import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { errorResponse } from "../middleware/errors.ts";
import { declare, documentedRouter, errors, noKey } from "./openapi.ts";

/**
 * The widget's files. `/widget.js` (the loader) is cached briefly so fixes reach vendors
 * fast; the app bundle it loads is the same for everyone and may be cached a little longer.
 * The app's on-demand parts (`/widget/chunks/<name>-<hash>.js`) carry a content hash in
 * their names, so they may be cached for good.
 */
export const assetRoutes = documentedRouter();

const FILES: Record<string, { file: string; cacheControl: string; summary: string }> = {
  "/widget.js": { file: "widget.js", cacheControl: "public, max-age=300", summary: "The widget loader (the script tag's src)" },
  "/widget/app.js": { file: "app.js", cacheControl: "public, max-age=3600", summary: "The widget app, loaded by widget.js as a module script" },
};

const script = { description: "JavaScript", content: { "text/javascript": { schema: z.string() } } };

/** A built chunk's file name: no directories, no dots but the extension's. */
const CHUNK_NAME = /^[A-Za-z0-9_-]+\.js$/;

async function serveScript(c: Context<AppEnv>, file: string, cacheControl: string): Promise<Response> {
  const response = await c.get("deps").assets?.(file);
  if (!response) return errorResponse(c, "not_found", "the widget is not built; run npm run build");
  // The app and its chunks are module scripts: fetched with CORS from the vendor's page.
  return c.body(await response.arrayBuffer(), 200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control": cacheControl,
    "Access-Control-Allow-Origin": "*",
    "Cross-Origin-Resource-Policy": "cross-origin",
  });
}

for (const [path, { file, cacheControl, summary }] of Object.entries(FILES)) {
  const route = createRoute({ method: "get", path, tags: ["Widget files"], summary, security: noKey, responses: { 200: script, ...errors(404) } });
  declare(assetRoutes, route, (c) => serveScript(c, file, cacheControl));
}

const chunk = createRoute({
  method: "get",
  path: "/widget/chunks/{name}",
  tags: ["Widget files"],
  summary: "A part of the widget loaded on demand (content-hashed name, cached for good)",
  security: noKey,
  request: { params: z.object({ name: z.string().describe("e.g. renewal-3f9a1c.js") }) },
  responses: { 200: script, ...errors(404) },
});
declare(assetRoutes, chunk, (c) => {
  const name = c.req.param("name") ?? "";
  if (!CHUNK_NAME.test(name)) return errorResponse(c, "not_found", "no such widget file");
  return serveScript(c, `chunks/${name}`, "public, max-age=31536000, immutable");
});
