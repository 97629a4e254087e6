import { createRoute } from "@hono/zod-openapi";
import { validate } from "../../lib/body.ts";
import { preferencesBody } from "../../../shared/schemas/widget.ts";
import { savePreferences } from "../../services/widget/preferences.ts";
import { widgetHeaders } from "./headers.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import { declare, documentedRouter, errors, json, noKey, widgetBody } from "../openapi.ts";
import { preferencesSchema, widgetResponseHeaders } from "./schemas.ts";

/** The errors every widget route can answer: bad body, bad key or token, refused origin, unknown account. */
export const WIDGET_ERRORS = [400, 401, 403, 404, 413] as const;

/**
 * `/v1/widget/…`: called from end users' browsers. Bodies are `text/plain` JSON so the
 * requests stay CORS-simple (no preflight: one round trip). CORS answers reflect the page's
 * origin; whether the tenant allows it is checked once the key is known, and a refused page
 * reads only the reason.
 */
export const widgetRoutes = documentedRouter();

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

const preferences = createRoute({
  method: "post",
  path: "/preferences",
  tags: ["Widget"],
  summary: "Remember a user's banner dismissal or modal snooze",
  security: noKey,
  request: { body: widgetBody(preferencesBody) },
  responses: { 200: json(preferencesSchema, "The user's preferences", widgetResponseHeaders), ...errors(...WIDGET_ERRORS) },
});
declare(widgetRoutes, preferences, async (c) => {
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
