import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { renewalResponse, widgetDeclineBody, widgetRenewalStartBody } from "../../../shared/schemas/renewals.ts";
import { declineRenewal, declineView } from "../../services/renewals/decline.ts";
import { startRenewal, startedView } from "../../services/renewals/start-renewal.ts";
import { invoiceView } from "../../services/renewals/view.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";
import { declare, documentedRouter, errors, isoInstant, json, noKey, widgetBody } from "../openapi.ts";
import { WIDGET_ERRORS } from "./index.ts";
import { widgetResponseHeaders } from "./schemas.ts";

/**
 * `/v1/widget/renewals…`: one-click renewal and "don't renew" from the widget. Mounted next to
 * the other widget routes, whose middleware gives these the same CORS and clock headers.
 * Bodies are `text/plain` JSON with the publishable key and user token, like the bootstrap.
 */
export const widgetRenewalRoutes = documentedRouter();

const startedSchema = z.object({
  renewal: renewalResponse,
  checkoutUrl: z.string().nullable().describe("Where to pay (url and stripe providers)"),
  invoice: renewalResponse.shape.invoice,
});
const declinedSchema = z.object({
  declined: z.object({
    id: z.string(),
    termId: z.string(),
    reason: z.string(),
    detail: z.string().nullable(),
    userId: z.string(),
    recoveryStatus: z.string(),
    at: isoInstant,
  }),
});

/** The verified user, who must hold a role the vendor lets renew. */
async function renewer(c: Context<AppEnv>, body: { publishableKey: string; userToken: string }): Promise<WidgetIdentity> {
  const identity = await widgetIdentity(c, body);
  if (!identity.tenant.settings.renewalRoles.includes(identity.claims.role)) {
    throw new TenureError("forbidden", `role ${identity.claims.role} may not renew; ask an admin`);
  }
  return identity;
}

/** A return URL must stay on the page's own site: a listed origin, or the calling page's origin. */
function checkReturnUrl(text: string | undefined, identity: WidgetIdentity, origin: string | null): string | null {
  if (text === undefined) return null;
  const target = new URL(text).origin;
  const allowed = identity.tenant.origins.length > 0 ? identity.tenant.origins.includes(target) : origin !== null && origin === target;
  if (!allowed) throw new TenureError("validation_failed", "invalid body: returnUrl: must be on the page's own origin");
  return text;
}

const startRoute = createRoute({
  method: "post",
  path: "/renewals",
  tags: ["Widget"],
  summary: "One-click renew from the widget",
  description:
    "Starts a renewal (201) or answers the one already open (200), with its checkoutUrl or invoice. Only roles in the `renewalRoles` setting may renew.",
  security: noKey,
  request: { body: widgetBody(widgetRenewalStartBody) },
  responses: {
    200: json(startedSchema, "The renewal already open", widgetResponseHeaders),
    201: json(startedSchema, "A new renewal", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS, 409),
  },
});
declare(widgetRenewalRoutes, startRoute, async (c) => {
  const body = validate(widgetRenewalStartBody, await readWidgetBody(c));
  const identity = await renewer(c, body);
  const deps = c.get("deps");
  const { renewal, created } = await startRenewal(deps.db, {
    tenant: identity.tenant,
    account: identity.account,
    startedBy: `usr:${identity.claims.sub}`,
    now: deps.clock(),
    returnUrl: checkReturnUrl(body.returnUrl, identity, c.req.header("origin") ?? null),
    ...(body.contractEndsAt !== undefined ? { expectedContractEndsAt: body.contractEndsAt } : {}),
    serverOrigin: new URL(c.req.url).origin,
    allowPrivateTargets: deps.allowPrivateWebhookTargets === true,
  });
  const view = await startedView(deps.db, renewal, identity.account.externalId);
  return c.json({ renewal: view, checkoutUrl: view.checkoutUrl ?? null, invoice: invoiceView(renewal) }, created ? 201 : 200);
});

const declineRoute = createRoute({
  method: "post",
  path: "/renewals/decline",
  tags: ["Widget"],
  summary: '"Not now" or "don\'t renew", with a reason',
  description:
    "One answer per user and term: the first is stored (201), a repeat answers it again (200). The first in the account hands it to recovery and fires `renewal.declined`.",
  security: noKey,
  request: { body: widgetBody(widgetDeclineBody) },
  responses: {
    200: json(declinedSchema, "This user's earlier answer", widgetResponseHeaders),
    201: json(declinedSchema, "Stored", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS),
  },
});
declare(widgetRenewalRoutes, declineRoute, async (c) => {
  const body = validate(widgetDeclineBody, await readWidgetBody(c));
  const identity = await renewer(c, body);
  const { decline, created } = await declineRenewal(c.get("deps").db, {
    tenantId: identity.tenant.id,
    account: identity.account,
    userId: identity.claims.sub,
    reason: body.reason,
    detail: body.detail ?? null,
    now: c.get("deps").clock(),
    ...(body.offerId ? { offerId: body.offerId } : {}),
  });
  return c.json({ declined: declineView(decline) }, created ? 201 : 200);
});

/** Where a checkout returns when the widget gave no return URL: a plain page, no scripts. */
const returnRoute = createRoute({
  method: "get",
  path: "/renewals/return",
  tags: ["Widget"],
  summary: "Where a checkout returns when the widget gave no return URL",
  security: noKey,
  request: { query: z.object({ tenure_checkout: z.enum(["success", "cancel"]).optional() }) },
  responses: { 200: { description: "A plain page", content: { "text/html": { schema: z.string() } } } },
});
declare(widgetRenewalRoutes, returnRoute, (c) => {
  const outcome = c.req.query("tenure_checkout") === "cancel" ? "cancel" : "success";
  const message =
    outcome === "success"
      ? "Thank you — your renewal is being confirmed. You can close this tab; the product unlocks by itself."
      : "The checkout was cancelled. You can close this tab and try again from the product.";
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Renewal</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><p>${message}</p></main></body></html>`);
});
