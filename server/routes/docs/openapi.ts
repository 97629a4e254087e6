import type { OpenAPIHono } from "@hono/zod-openapi";
import { z } from "zod";
import { externalId } from "../../../shared/schemas/common.ts";
import {
  accountUpsertBody,
  contractPutBody,
  entitlementResponse,
  grantCreateBody,
} from "../../../shared/schemas/accounts.ts";
import { bootstrapBody, preferencesBody } from "../../../shared/schemas/widget.ts";
import { renewalCompleteBody, renewalFailBody, renewalResponse, renewalStartBody, widgetDeclineBody, widgetRenewalStartBody } from "../../../shared/schemas/renewals.ts";
import { webhookEndpointCreateBody, webhookEndpointResponse } from "../../../shared/schemas/webhooks.ts";
import { tenantSettingsSchema } from "../../services/tenants/settings.ts";
import { checklistPutBody, widgetChecklistBody, widgetDismissBody, widgetRecapBody } from "../../../shared/schemas/checklists.ts";
import { eventsAcceptedResponse, eventsBatchBody, widgetEventsBody } from "../../../shared/schemas/events.ts";
import { healthResponse, scorecardPutBody } from "../../../shared/schemas/health.ts";
import { recommendationResponse, renewalsReportResponse } from "../../../shared/schemas/reports.ts";
import { checkBody, checkResponse, grantRevokeBody, planPutBody } from "../../../shared/schemas/features.ts";

/** A route in the reference. Each issue's routes add their entries here. */
export interface RouteDoc {
  method: "get" | "put" | "post" | "patch" | "delete";
  path: string;
  summary: string;
  auth: "secret" | "widget" | "none";
  body?: z.ZodType;
  response?: z.ZodType;
  status?: number;
}

export const routeDocs: RouteDoc[] = [
  { method: "put", path: "/v1/accounts/{accountId}", summary: "Create or update a customer account", auth: "secret", body: accountUpsertBody },
  { method: "get", path: "/v1/accounts/{accountId}", summary: "Read an account", auth: "secret" },
  { method: "put", path: "/v1/accounts/{accountId}/contract", summary: "Set the current contract term (endDate is the last day, inclusive, in the account's zone)", auth: "secret", body: contractPutBody },
  { method: "post", path: "/v1/accounts/{accountId}/grants", summary: "Gift bonus seats or time (time extends access, never the contract end)", auth: "secret", body: grantCreateBody, status: 201 },
  { method: "get", path: "/v1/accounts/{accountId}/grants", summary: "The account's grants ledger", auth: "secret" },
  { method: "get", path: "/v1/accounts/{accountId}/entitlement", summary: "What the account's users may do at an instant (?at=ISO-8601), and until exactly when", auth: "secret", response: entitlementResponse },
  { method: "post", path: "/v1/widget/bootstrap", summary: "Everything the widget renders from (text/plain JSON body; publishable key + user token)", auth: "widget", body: bootstrapBody },
  { method: "post", path: "/v1/widget/preferences", summary: "Remember a user's banner dismissal or modal snooze", auth: "widget", body: preferencesBody },
  // Issue 5: usage signals, checklists, health, reminders.
  { method: "post", path: "/v1/events", summary: "Send usage signals (≤ 500 events, ≤ 1 MB; idempotent by event id; an unknown accountId rejects the whole batch). Well-known names: session (a login), feature.used (properties.feature, optional properties.module), ticket.opened, ticket.resolved, training.attended, nps.answered (properties.score 0–10); any other name is a custom event for checklist rules. 429 with Retry-After past the per-tenant rate. On Workers the batch is validated, enqueued and answered with queued: true; accepted then counts events enqueued and duplicates are resolved when the queue consumer writes (still stored once)", auth: "secret", body: eventsBatchBody, response: eventsAcceptedResponse, status: 202 },
  { method: "get", path: "/v1/accounts/{accountId}/usage", summary: "Daily usage rollups in the account's zone (?days=1–366, default 30): events per name, feature and module, active users", auth: "secret" },
  { method: "get", path: "/v1/accounts/{accountId}/health", summary: "Health score 0–100, risk band, each measure's contribution, phase and the daily history", auth: "secret", response: healthResponse },
  { method: "put", path: "/v1/scorecard", summary: "Set the health scorecard: measures (metric, weight, optional direction, tiers, missing, windowDays) and risk bands", auth: "secret", body: scorecardPutBody },
  { method: "get", path: "/v1/scorecard", summary: "The health scorecard in force (the default unless you set one)", auth: "secret" },
  { method: "put", path: "/v1/checklists/{checklistId}", summary: "Define an onboarding checklist; changed content is a new version, accounts keep the version they started", auth: "secret", body: checklistPutBody },
  { method: "get", path: "/v1/checklists", summary: "The latest version of each checklist", auth: "secret" },
  { method: "post", path: "/v1/widget/events", summary: "Usage signals from the widget (also the sendBeacon target); account and user come from the token", auth: "widget", body: widgetEventsBody, status: 202 },
  { method: "post", path: "/v1/widget/checklist", summary: "The user's checklists with progress, the account's phase and first-value status", auth: "widget", body: widgetChecklistBody },
  { method: "post", path: "/v1/widget/checklist/dismiss", summary: "Snooze a checklist until an instant (epoch ms), or dismiss it for good (until: null)", auth: "widget", body: widgetDismissBody },
  { method: "post", path: "/v1/widget/recap", summary: "The value recap for this term and the current in-app renewal notice", auth: "widget", body: widgetRecapBody },
  // Issue 4: renewals, settings, outbound webhooks.
  { method: "post", path: "/v1/accounts/{accountId}/renewals", summary: "Start a renewal of the current term, or answer the one already open (201 new, 200 open). Optional Idempotency-Key header replays the first answer. While pending, access is held until max(accessEndsAt, startedAt) + 24 h, once per term", auth: "secret", body: renewalStartBody, response: renewalResponse, status: 201 },
  { method: "get", path: "/v1/accounts/{accountId}/renewals", summary: "The account's renewals (newest first) and its \"don't renew\" answers (recovery cases)", auth: "secret" },
  { method: "get", path: "/v1/accounts/{accountId}/renewals/{renewalId}", summary: "One renewal", auth: "secret", response: renewalResponse },
  { method: "post", path: "/v1/accounts/{accountId}/renewals/{renewalId}/complete", summary: "Payment confirmed: the next term starts at the old contractEndsAt and runs as long, with the uplift applied; seats and amount as renewed. Completing twice answers the first result", auth: "secret", body: renewalCompleteBody },
  { method: "post", path: "/v1/accounts/{accountId}/renewals/{renewalId}/fail", summary: "The payment did not happen: the renewal fails and its hold lapses", auth: "secret", body: renewalFailBody },
  { method: "post", path: "/v1/stripe/webhooks/{tenantId}", summary: "Give this URL to Stripe for checkout.session.* events; verified with your stripeWebhookSecret", auth: "none" },
  { method: "get", path: "/v1/settings", summary: "Your settings (secrets shown as hints)", auth: "secret" },
  { method: "patch", path: "/v1/settings", summary: "Change settings: renewalProvider (url | invoice | stripe), renewalUrl, renewalLinkSecret, stripeSecretKey, stripeWebhookSecret, stripeApi, renewalRoles, grace, lock mode…", auth: "secret", body: tenantSettingsSchema.partial() },
  { method: "post", path: "/v1/webhooks/endpoints", summary: "Add a webhook endpoint (public http(s) URL); the signing secret is in this answer only. Deliveries follow Standard Webhooks (webhook-id, webhook-timestamp, webhook-signature)", auth: "secret", body: webhookEndpointCreateBody, response: webhookEndpointResponse, status: 201 },
  { method: "get", path: "/v1/webhooks/endpoints", summary: "Your webhook endpoints", auth: "secret" },
  { method: "delete", path: "/v1/webhooks/endpoints/{endpointId}", summary: "Remove a webhook endpoint; its pending deliveries are given up", auth: "secret" },
  { method: "get", path: "/v1/webhooks/endpoints/{endpointId}/deliveries", summary: "The delivery log: each event sent to the endpoint with every attempt (?limit=1–100)", auth: "secret" },
  { method: "get", path: "/v1/webhooks/endpoints/{endpointId}", summary: "One webhook endpoint, with its failing state (failing, consecutiveFailures, failingSince)", auth: "secret", response: webhookEndpointResponse },
  { method: "post", path: "/v1/webhooks/endpoints/{endpointId}/test", summary: "Send this endpoint a signed webhook.test event (202), delivered and retried like any other; 409 when the endpoint is disabled", auth: "secret", status: 202 },
  { method: "get", path: "/v1/webhooks/deliveries", summary: "Your deliveries across endpoints, newest first (?status=pending|succeeded|failed, ?limit=1–100, ?cursor=nextCursor)", auth: "secret" },
  { method: "post", path: "/v1/webhooks/deliveries/{deliveryId}/replay", summary: "Send a delivery again with the same webhook-id (202); 409 while it is being sent or when its endpoint is disabled or removed", auth: "secret", status: 202 },
  { method: "post", path: "/v1/widget/renewals", summary: "One-click renew: start (201) or answer the open renewal (200) with its checkoutUrl or invoice", auth: "widget", body: widgetRenewalStartBody, status: 201 },
  { method: "post", path: "/v1/widget/renewals/decline", summary: "\"Not now\" / \"don't renew\" with a reason; the first answer per term stands", auth: "widget", body: widgetDeclineBody, status: 201 },
  // Reports and recommendations (the vendor console reads the same figures).
  { method: "get", path: "/v1/reports/renewals", summary: "Contract ends and ARR by renewal month (?from=YYYY-MM&to=YYYY-MM). A term counts in the month, in the account's zone, of its local last day (contractEndsAt minus one instant); ARR is the amount annualised by the term's calendar length (× 12 ÷ months, else × 365 ÷ days), per currency in minor units. Time grants never move a term to another month", auth: "secret", response: renewalsReportResponse },
  { method: "get", path: "/v1/reports/retention", summary: "For terms whose local last day is in ?from=YYYY-MM-DD&to=YYYY-MM-DD: GRR and NRR per currency, renewal rate by count and by ARR, logo churn, each with its definition (definitions), and the accounts behind them", auth: "secret" },
  { method: "get", path: "/v1/accounts/{accountId}/recommendation", summary: "What to gift: seats when active users are ≥ 90 % of licensed seats, time when stage is trial or poc and first value is not reached, else none; with a reason a CSM can read", auth: "secret", response: recommendationResponse },
  // Features: plans, feature grants, check, seat policy, signed entitlement.
  { method: "put", path: "/v1/plans/{planId}", summary: "Define or replace a plan: {name, features: {key: {type: boolean} | {type: limit, limit} | {type: metered, limit, event, period: day|month|term, overage: block|allow}}}. A change applies to every account on the plan at once", auth: "secret", body: planPutBody },
  { method: "get", path: "/v1/plans/{planId}", summary: "One plan", auth: "secret" },
  { method: "get", path: "/v1/plans", summary: "Your plans", auth: "secret" },
  { method: "post", path: "/v1/accounts/{accountId}/check", summary: "May the account use a feature now (?at=ISO-8601)? {feature, quantity?} → {allowed, reason: ok|not_in_plan|disabled|limit_reached|locked, limit?, used?, remaining?, resetsAt?}", auth: "secret", body: checkBody, response: checkResponse },
  { method: "post", path: "/v1/accounts/{accountId}/grants/{grantId}/revoke", summary: "Take a feature grant back: a revoke row in the ledger; the grant stops counting now", auth: "secret", body: grantRevokeBody, status: 201 },
  { method: "get", path: "/v1/accounts/{accountId}/entitlement/token", summary: "The signed entitlement: {entitlementToken (compact JWS, alg EdDSA, kid; claims iss, aud = tenant id, sub = account id, iat, exp, contractEndsAt, accessEndsAt, graceEndsAt, lockMode, features, seats), kid, expiresAt}", auth: "secret" },
  { method: "get", path: "/v1/tenants/{tenantId}/jwks.json", summary: "Public keys that verify entitlement tokens (no key needed, cacheable; 404 for an unknown tenant). A rotated key stays until its tokens expire", auth: "none" },
  { method: "get", path: "/v1/accounts/{accountId}/seats", summary: "Who holds the account's seats (name, role, last active), most recently active first", auth: "secret" },
  { method: "delete", path: "/v1/accounts/{accountId}/users/{userId}/seat", summary: "Release a user's seat; they take one again on their next visit when the seat policy leaves room", auth: "secret" },
  { method: "post", path: "/v1/widget/seats", summary: "Seat holders for the seats panel (admins only)", auth: "widget" },
  { method: "post", path: "/v1/widget/seats/release", summary: "An admin releases a seat from the seats panel", auth: "widget" },
];

/**
 * Routes not yet declared with their router (routes/openapi.ts `declare`), documented from this
 * list until they are; a declared route replaces its entry here.
 */
export function registerLegacy(registry: OpenAPIHono["openAPIRegistry"], declared: Set<string>): void {
  for (const route of routeDocs) {
    if (declared.has(`${route.method} ${route.path}`)) continue;
    const names = [...route.path.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
    const params = z.object(Object.fromEntries(names.map((name) => [name, name === "accountId" ? externalId : z.string()])));
    const mediaType = route.auth === "widget" ? "text/plain" : "application/json";
    registry.registerPath({
      method: route.method,
      path: route.path,
      summary: route.summary,
      security: route.auth === "secret" ? [{ secretKey: [] }] : [],
      request: {
        ...(names.length > 0 ? { params } : {}),
        ...(route.body ? { body: { required: true, content: { [mediaType]: { schema: route.body } } } } : {}),
      },
      responses: {
        [String(route.status ?? 200)]: route.response ? { description: "OK", content: { "application/json": { schema: route.response } } } : { description: "OK" },
        default: { description: "Another answer (not yet declared in detail)" },
      },
    });
  }
}
