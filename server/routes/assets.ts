import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { errorResponse } from "../middleware/errors.ts";

/**
 * The widget's files. `/widget.js` (the loader) is cached briefly so fixes reach vendors
 * fast; the app bundle it loads is the same for everyone and may be cached a little longer.
 */
export const assetRoutes = new Hono<AppEnv>();

const FILES: Record<string, { file: string; cacheControl: string }> = {
  "/widget.js": { file: "widget.js", cacheControl: "public, max-age=300" },
  "/widget/app.js": { file: "app.js", cacheControl: "public, max-age=3600" },
};

for (const [path, { file, cacheControl }] of Object.entries(FILES)) {
  assetRoutes.get(path, async (c) => {
    const response = await c.var.deps.assets?.(file);
    if (!response) return errorResponse(c, "not_found", "the widget is not built; run npm run build");
    const headers = new Headers(response.headers);
    headers.set("Content-Type", "text/javascript; charset=utf-8");
    headers.set("Cache-Control", cacheControl);
    headers.set("Access-Control-Allow-Origin", "*");
    headers.set("Cross-Origin-Resource-Policy", "cross-origin");
    return new Response(response.body, { status: 200, headers });
  });
}
