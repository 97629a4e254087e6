import type { Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";
import { requireSecretKey } from "../middleware/secret-key.ts";
import { respond } from "../lib/respond.ts";
import { entitlementRoute } from "./accounts/entitlement.ts";
import { checkRoute } from "./accounts/check.ts";
import { bootstrapRoute } from "./widget/bootstrap.ts";

/**
 * The routes answered many times per second, mounted ahead of the general middleware
 * (app.ts) so each pays only for what it needs: the request context, then its own key check
 * or body bound. The general chain (response headers set through Hono, write tracking) would
 * cost them more than their own work. They are reads: nothing here changes data.
 */
export function mountHotRoutes(app: Hono<AppEnv>, options: { limitBody: MiddlewareHandler<AppEnv> }): void {
  app.get("/healthz", (c) => respond(c, '{"ok":true}', 200, { "Content-Type": "application/json" }));
  app.post("/v1/widget/bootstrap", options.limitBody, bootstrapRoute);
  app.get("/v1/accounts/:accountId/entitlement", requireSecretKey, entitlementRoute);
  app.post("/v1/accounts/:accountId/check", requireSecretKey, options.limitBody, checkRoute);
}
