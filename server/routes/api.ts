import { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "../env.ts";
import { accountRoutes } from "./accounts/index.ts";
import { assetRoutes } from "./assets.ts";
import { checklistRoutes } from "./checklists/index.ts";
import { docsRoutes } from "./docs/index.ts";
import { eventRoutes } from "./events/index.ts";
import { featureRoutes } from "./features/index.ts";
import { healthRoutes } from "./health/index.ts";
import { planRoutes } from "./plans/index.ts";
import { renewalRoutes } from "./renewals/index.ts";
import { stripeRoutes } from "./renewals/stripe.ts";
import { reportRoutes } from "./reports/index.ts";
import { seatRoutes } from "./seats/index.ts";
import { settingsRoutes } from "./settings/index.ts";
import { tenantRoutes } from "./tenants/index.ts";
import { usageRoutes } from "./usage/index.ts";
import { webhookRoutes } from "./webhooks/index.ts";
import { widgetRoutes } from "./widget/index.ts";
import { widgetRenewalRoutes } from "./widget/renewals.ts";
import { widgetSeatRoutes } from "./widget/seats.ts";
import { widgetStreamRoutes } from "./widget/stream.ts";
import { widgetUsageRoutes } from "./widget/usage.ts";
import { widgetPlaybookRoutes } from "./widget/playbooks.ts";
import { playbookRoutes } from "./playbooks/index.ts";

/** The vendor API's paths (mounted after its middleware in app.ts); each router keys its own routes. */
export const SECRET_KEY_PATHS = [
  "/v1/accounts/*",
  "/v1/events",
  "/v1/checklists/*",
  "/v1/scorecard",
  "/v1/settings",
  "/v1/webhooks/*",
  "/v1/reports/*",
  "/v1/plans",
  "/v1/plans/*",
];

/**
 * Every documented route but the hot ones (routes/hot.ts), at its public path. Its registry,
 * merged from the routers' declarations, is the OpenAPI document's source (docs/document.ts).
 */
export const apiRoutes = new OpenAPIHono<AppEnv>();

// Public: widget files, API reference (and /healthz, in routes/hot.ts).
apiRoutes.route("/", assetRoutes);
apiRoutes.route("/", docsRoutes);
apiRoutes.route("/v1/tenants", tenantRoutes);

// Browser: publishable key + user token in a text/plain body (see routes/widget/index.ts).
apiRoutes.route("/v1/widget", widgetRoutes);
apiRoutes.route("/v1/widget", widgetRenewalRoutes);
apiRoutes.route("/v1/widget", widgetUsageRoutes);
apiRoutes.route("/v1/widget", widgetStreamRoutes);
apiRoutes.route("/v1/widget", widgetSeatRoutes);
apiRoutes.route("/v1/widget", widgetPlaybookRoutes);

// Stripe calls in with its own signature, per tenant.
apiRoutes.route("/v1/stripe", stripeRoutes);

// Vendor server API: Authorization: Bearer sk_… (app.ts puts the key check on SECRET_KEY_PATHS).
apiRoutes.route("/v1/accounts", accountRoutes);
apiRoutes.route("/v1/accounts", renewalRoutes);
apiRoutes.route("/v1/accounts", featureRoutes);
apiRoutes.route("/v1/accounts", seatRoutes);
apiRoutes.route("/v1/accounts", playbookRoutes);
apiRoutes.route("/v1/plans", planRoutes);
apiRoutes.route("/v1/events", eventRoutes);
apiRoutes.route("/v1/checklists", checklistRoutes);
apiRoutes.route("/v1/settings", settingsRoutes);
apiRoutes.route("/v1/webhooks", webhookRoutes);
apiRoutes.route("/v1", healthRoutes);
apiRoutes.route("/v1", usageRoutes);
apiRoutes.route("/v1", reportRoutes);
