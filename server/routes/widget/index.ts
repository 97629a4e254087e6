import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { preferencesBody } from "../../../shared/schemas/widget.ts";
import { savePreferences } from "../../services/widget/preferences.ts";
import { widgetHeaders } from "./headers.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";

/**
 * `/v1/widget/…`: called from end users' browsers. Bodies are `text/plain` JSON so the
 * requests stay CORS-simple (no preflight: one round trip). CORS answers reflect the page's
 * origin; whether the tenant allows it is checked once the key is known, and a refused page
 * reads only the reason.
 */
export const widgetRoutes = new Hono<AppEnv>();

widgetRoutes.use("*", async (c, next) => {
  const origin = c.req.header("origin");
  if (c.req.method === "OPTIONS") {
    return c.body(null, 204, {
      ...(origin ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {}),
      "Access-Control-Allow-Methods": "POST, OPTIONS",
      "Access-Control-Allow-Headers": "Content-Type",
      "Access-Control-Max-Age": "7200",
    });
  }
  // Headers are set before the handler runs: setting them on a finished response would
  // copy it. (The bootstrap answers from routes/hot.ts with the same headers, as a plain object.)
  for (const [name, value] of Object.entries(widgetHeaders(origin, c.get("deps").clock()))) c.header(name, value);
  await next();
  // A refusal (401, 403) keeps its CORS headers: it carries only the reason, which the
  // developer must be able to read instead of a generic CORS failure.
});

widgetRoutes.post("/preferences", async (c) => {
  const body = validate(preferencesBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  const { bannerDismissedUntil, modalSnoozedUntil } = body;
  const preferences = await savePreferences(c.get("deps").db, {
    identity,
    changes: { bannerDismissedUntil, modalSnoozedUntil },
    now: c.get("deps").clock(),
  });
  return c.json({ preferences });
});
