import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { bootstrapBody, preferencesBody } from "../../../shared/schemas/widget.ts";
import { bootstrapFor } from "../../services/widget/bootstrap.ts";
import { savePreferences } from "../../services/widget/preferences.ts";
import { snapshotJson } from "../../services/widget/snapshot-cache.ts";
import { touchTenant } from "../../services/tenants/tenant-version.ts";
import { readWidgetBody, widgetCaller, widgetIdentity } from "./request.ts";

/**
 * `/v1/widget/…`: called from end users' browsers. Bodies are `text/plain` JSON so the
 * requests stay CORS-simple (no preflight: one round trip). CORS answers reflect only
 * origins the tenant allows; the check itself happens once the key is known.
 */
export const widgetRoutes = new Hono<AppEnv>();

/** Widget writes that change what a bootstrap answers (the others — events, checklist — do not). */
const BOOTSTRAP_WRITES = new Set(["/v1/widget/preferences", "/v1/widget/renewals", "/v1/widget/renewals/decline"]);

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
  // copy it, and the Node adapter's fast path would be lost on the hottest route.
  c.header("X-Tenure-Now", String(c.get("deps").clock()));
  c.header("Cache-Control", "no-store");
  c.header("Vary", "Origin");
  if (origin) {
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", "X-Tenure-Now, ETag, X-Request-Id");
  }
  await next();
  // A page whose origin the tenant does not allow may not read the answer.
  if (c.res.status === 403) c.res.headers.delete("Access-Control-Allow-Origin");
  const tenant = c.get("tenant");
  if (tenant && c.res.status < 400 && BOOTSTRAP_WRITES.has(c.req.path)) touchTenant(c.get("deps").db, tenant.id);
});

widgetRoutes.post("/bootstrap", async (c) => {
  const body = validate(bootstrapBody, await readWidgetBody(c));
  const caller = await widgetCaller(c, body);
  const bootstrap = await bootstrapFor(c.get("deps").db, caller, c.get("deps").clock());
  c.header("ETag", bootstrap.etag);
  if (body.ifNoneMatch === bootstrap.etag) return c.body(null, 304);
  return c.body(snapshotJson(bootstrap, c.get("deps").clock()), 200, { "Content-Type": "application/json" });
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
