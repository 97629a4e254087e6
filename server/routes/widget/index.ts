import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { MAX_BODY_BYTES, parseJsonText, validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { bootstrapBody, preferencesBody } from "../../../shared/schemas/widget.ts";
import { authenticateWidget } from "../../services/widget/authenticate.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";
import { buildBootstrap } from "../../services/widget/bootstrap.ts";
import { savePreferences } from "../../services/widget/preferences.ts";

/**
 * `/v1/widget/…`: called from end users' browsers. Bodies are `text/plain` JSON so the
 * requests stay CORS-simple (no preflight: one round trip). CORS answers reflect only
 * origins the tenant allows; the check itself happens once the key is known.
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
  await next();
  c.header("X-Tenure-Now", String(c.var.deps.clock()));
  c.header("Cache-Control", "no-store");
  c.header("Vary", "Origin");
  if (origin && c.res.status !== 403) {
    c.header("Access-Control-Allow-Origin", origin);
    c.header("Access-Control-Expose-Headers", "X-Tenure-Now, ETag, X-Request-Id");
  }
});

async function readWidgetBody(c: Context<AppEnv>): Promise<unknown> {
  const text = await c.req.text();
  if (text.length > MAX_BODY_BYTES) throw new TenureError("payload_too_large", "the body is too large");
  return parseJsonText(text);
}

function identify(c: Context<AppEnv>, body: { publishableKey: string; userToken: string }): Promise<WidgetIdentity> {
  return authenticateWidget(c.var.deps.db, {
    ...body,
    origin: c.req.header("origin") ?? null,
    now: c.var.deps.clock(),
    resolveKey: c.var.resolveKey,
  });
}

widgetRoutes.post("/bootstrap", async (c) => {
  const body = validate(bootstrapBody, await readWidgetBody(c));
  const identity = await identify(c, body);
  const bootstrap = await buildBootstrap(c.var.deps.db, identity, c.var.deps.clock());
  c.header("ETag", bootstrap.etag);
  if (body.ifNoneMatch === bootstrap.etag) return c.body(null, 304);
  return c.json(bootstrap);
});

widgetRoutes.post("/preferences", async (c) => {
  const body = validate(preferencesBody, await readWidgetBody(c));
  const identity = await identify(c, body);
  const { bannerDismissedUntil, modalSnoozedUntil } = body;
  const preferences = await savePreferences(c.var.deps.db, {
    identity,
    changes: { bannerDismissedUntil, modalSnoozedUntil },
    now: c.var.deps.clock(),
  });
  return c.json({ preferences });
});
