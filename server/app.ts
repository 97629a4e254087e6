import { Hono } from "hono";
import type { AppDeps, AppEnv } from "./env.ts";
import { limitBody } from "./middleware/body-limit.ts";
import { onError, onNotFound } from "./middleware/errors.ts";
import { requestContext } from "./middleware/request-context.ts";
import { requireSecretKey } from "./middleware/secret-key.ts";
import { accountRoutes } from "./routes/accounts/index.ts";
import { docsRoutes } from "./routes/docs/index.ts";
import { widgetRoutes } from "./routes/widget/index.ts";
import { widgetRenewalRoutes } from "./routes/widget/renewals.ts";
import { renewalRoutes } from "./routes/renewals/index.ts";
import { stripeRoutes } from "./routes/renewals/stripe.ts";
import { settingsRoutes } from "./routes/settings/index.ts";
import { webhookRoutes } from "./routes/webhooks/index.ts";
import { assetRoutes } from "./routes/assets.ts";
import { widgetUsageRoutes } from "./routes/widget/usage.ts";
import { widgetStreamRoutes } from "./routes/widget/stream.ts";
import { createLocalHub } from "./services/widget/push-hub.ts";
import { eventRoutes } from "./routes/events/index.ts";
import { checklistRoutes } from "./routes/checklists/index.ts";
import { healthRoutes } from "./routes/health/index.ts";
import { mountHotRoutes } from "./routes/hot.ts";
import { usageRoutes } from "./routes/usage/index.ts";
import { reportRoutes } from "./routes/reports/index.ts";
import { planRoutes } from "./routes/plans/index.ts";
import { featureRoutes } from "./routes/features/index.ts";
import { seatRoutes } from "./routes/seats/index.ts";
import { widgetSeatRoutes } from "./routes/widget/seats.ts";
import { tenantRoutes } from "./routes/tenants/index.ts";
import { consoleRoutes } from "./routes/console/index.ts";
import { consoleIndex } from "./routes/console/pages.ts";
import { createKeyCache } from "./services/tenants/resolve-key.ts";
import { logRequests } from "./middleware/request-log.ts";

/** The largest body any route accepts; routes bound their own bodies more tightly. */
const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * Builds the one Tenure app that both entries serve (`node.ts`, `worker.ts`).
 * @example const app = createApp({ db, clock: Date.now });
 */
export function createApp(given: AppDeps): Hono<AppEnv> {
  const deps: AppDeps = { ...given, push: given.push ?? createLocalHub(given.db) };
  const app = new Hono<AppEnv>();
  const resolveKey = deps.resolveKey ?? createKeyCache(deps.db);

  app.use("*", requestContext(deps, resolveKey));
  if (deps.logRequest) app.use("*", logRequests(deps.logRequest));
  // Hot reads first, with only the middleware they need (routes/hot.ts).
  const bodyLimit = limitBody(MAX_REQUEST_BYTES);
  mountHotRoutes(app, { limitBody: bodyLimit });

  app.use("*", async (c, next) => {
    // Before the handler: a header added to a finished response copies it (slow path).
    c.header("X-Request-Id", c.get("requestId"));
    // The services that write announce their own changes (services/tenants/changes.ts).
    await next();
  });
  app.use("/v1/*", bodyLimit);

  // Public: widget files, API reference (and /healthz, in routes/hot.ts).
  app.route("/", assetRoutes);
  app.route("/", docsRoutes);
  app.route("/v1/tenants", tenantRoutes);

  // Browser: publishable key + user token in a text/plain body (see routes/widget/index.ts).
  app.route("/v1/widget", widgetRoutes);
  app.route("/v1/widget", widgetRenewalRoutes);
  app.route("/v1/widget", widgetUsageRoutes);
  app.route("/v1/widget", widgetStreamRoutes);
  app.route("/v1/widget", widgetSeatRoutes);

  // Stripe calls in with its own signature, per tenant.
  app.route("/v1/stripe", stripeRoutes);

  // Vendor server API: Authorization: Bearer sk_…, the tenant comes from the key.
  for (const path of ["/v1/accounts/*", "/v1/events", "/v1/checklists/*", "/v1/scorecard", "/v1/settings", "/v1/webhooks/*", "/v1/reports/*", "/v1/plans", "/v1/plans/*"]) {
    app.use(path, requireSecretKey);
  }
  app.route("/v1/accounts", accountRoutes);
  app.route("/v1/accounts", renewalRoutes);
  app.route("/v1/accounts", featureRoutes);
  app.route("/v1/accounts", seatRoutes);
  app.route("/v1/plans", planRoutes);
  app.route("/v1/events", eventRoutes);
  app.route("/v1/checklists", checklistRoutes);
  app.route("/v1/settings", settingsRoutes);
  app.route("/v1/webhooks", webhookRoutes);
  app.route("/v1", healthRoutes);
  app.route("/v1", usageRoutes);
  app.route("/v1", reportRoutes);

  // Vendor staff: the console and its API, with a session cookie (routes/console/session.ts).
  app.get("/console/", consoleIndex as never);
  app.route("/console", consoleRoutes as never);

  app.onError(onError);
  app.notFound(onNotFound);
  return app;
}
