import { createRoute, OpenAPIHono } from "@hono/zod-openapi";
import type { Context, Hono, MiddlewareHandler } from "hono";
import { z } from "zod";
import type { AppEnv } from "../env.ts";
import { requireSecretKey } from "../middleware/secret-key.ts";
import { respond } from "../lib/respond.ts";
import { checkBody, checkQuery, checkResponse } from "../../shared/schemas/features.ts";
import { entitlementQuery, entitlementResponse } from "../../shared/schemas/accounts.ts";
import { bootstrapBody } from "../../shared/schemas/widget.ts";
import { entitlementRoute } from "./accounts/entitlement.ts";
import { checkRoute } from "./accounts/check.ts";
import { bootstrapRoute } from "./widget/bootstrap.ts";
import { bootstrapSchema, widgetResponseHeaders } from "./widget/schemas.ts";
import { KEY_ERRORS, accountParams, errors, json, jsonBody, noKey, routingPath, secretKey, widgetBody } from "./openapi.ts";

const healthz = createRoute({
  method: "get",
  path: "/healthz",
  tags: ["Service"],
  summary: "Liveness: the process answers",
  security: noKey,
  responses: { 200: json(z.object({ ok: z.literal(true) }), "Up") },
});

const bootstrap = createRoute({
  method: "post",
  path: "/v1/widget/bootstrap",
  tags: ["Widget"],
  summary: "Everything the widget renders from, in one answer",
  description: "Called by the widget. `ifNoneMatch` with the last `etag` answers 304 with no body when nothing changed.",
  security: noKey,
  request: { body: widgetBody(bootstrapBody) },
  responses: {
    200: json(bootstrapSchema, "The widget's state", widgetResponseHeaders.extend({ ETag: z.string() })),
    304: { description: "Unchanged since `ifNoneMatch`", headers: widgetResponseHeaders.extend({ ETag: z.string() }) },
    ...errors(400, 401, 403, 404, 413),
  },
});

const entitlement = createRoute({
  method: "get",
  path: "/v1/accounts/{accountId}/entitlement",
  tags: ["Entitlement"],
  summary: "What the account's users may do at an instant, and until exactly when",
  description:
    "`state` is `active`, `expiring` (the reminder window before `accessEndsAt`), `grace` (`[accessEndsAt, graceEndsAt)`) or `locked`. `?at=` asks about another instant.",
  security: secretKey,
  request: { params: accountParams, query: entitlementQuery },
  responses: { 200: json(entitlementResponse, "The entitlement"), ...errors(...KEY_ERRORS, 404) },
});

const check = createRoute({
  method: "post",
  path: "/v1/accounts/{accountId}/check",
  tags: ["Entitlement"],
  summary: "May the account use a feature (and this much of it) now?",
  description: "Call it before the action. `reason`: `ok`, `not_in_plan`, `disabled`, `limit_reached` or `locked`. `?at=` asks about another instant.",
  security: secretKey,
  request: { params: accountParams, query: checkQuery, body: jsonBody(checkBody) },
  responses: { 200: json(checkResponse, "The answer"), ...errors(...KEY_ERRORS, 404, 415) },
});

/** The hot routes' declarations, documented with the rest (docs/document.ts) though mounted apart. */
export const hotRoutes = new OpenAPIHono<AppEnv>();
for (const route of [healthz, bootstrap, entitlement, check]) hotRoutes.openAPIRegistry.registerPath(route);

/**
 * The routes answered many times per second, mounted ahead of the general middleware
 * (app.ts) so each pays only for what it needs: the request context, then its own key check
 * or body bound, run as plain calls inside one handler. Every middleware layer costs an
 * async step per request, and the general chain (response headers set through Hono, write
 * tracking) would cost them more than their own work. They are reads: nothing here changes data.
 *
 * `setContext` given: they come first and set the request context themselves. Without it
 * (request logging on), they run behind the app's context and logging middleware instead.
 */
export function mountHotRoutes(app: Hono<AppEnv>, options: { limitBody: MiddlewareHandler<AppEnv>; setContext: ((c: Context<AppEnv>) => void) | null }): void {
  const { limitBody, setContext } = options;
  type Handler = (c: Context<AppEnv>) => Response | Promise<Response>;
  const withContext = (handler: Handler): Handler => (setContext ? (c) => (setContext(c), handler(c)) : handler);
  // A middleware run as a call: the handler's answer, or the middleware's own (a refusal).
  const behind =
    (middleware: MiddlewareHandler<AppEnv>, handler: Handler): Handler =>
    async (c) => {
      let answer: Response | undefined;
      const refusal = await middleware(c, async () => {
        answer = await handler(c);
      });
      return answer ?? (refusal as Response);
    };
  app.get(
    healthz.path,
    withContext((c) => respond(c, '{"ok":true}', 200, { "Content-Type": "application/json" })),
  );
  app.post(bootstrap.path, withContext(behind(limitBody, bootstrapRoute)));
  app.get(routingPath(entitlement.path), withContext(behind(requireSecretKey, entitlementRoute)));
  app.post(routingPath(check.path), withContext(behind(requireSecretKey, behind(limitBody, checkRoute))));
}
