import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { widgetDeclineBody, widgetRenewalStartBody } from "../../../shared/schemas/renewals.ts";
import { declineRenewal, declineView } from "../../services/renewals/decline.ts";
import { startRenewal, startedView } from "../../services/renewals/start-renewal.ts";
import { invoiceView } from "../../services/renewals/view.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";

/**
 * `/v1/widget/renewals…`: one-click renewal and "don't renew" from the widget. Mounted next to
 * the other widget routes, whose middleware gives these the same CORS and clock headers.
 * Bodies are `text/plain` JSON with the publishable key and user token, like the bootstrap.
 */
export const widgetRenewalRoutes = new Hono<AppEnv>();


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

widgetRenewalRoutes.post("/renewals", async (c) => {
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

widgetRenewalRoutes.post("/renewals/decline", async (c) => {
  const body = validate(widgetDeclineBody, await readWidgetBody(c));
  const identity = await renewer(c, body);
  const { decline, created } = await declineRenewal(c.get("deps").db, {
    tenantId: identity.tenant.id,
    account: identity.account,
    userId: identity.claims.sub,
    reason: body.reason,
    detail: body.detail ?? null,
    now: c.get("deps").clock(),
  });
  return c.json({ declined: declineView(decline) }, created ? 201 : 200);
});

/** Where a checkout returns when the widget gave no return URL: a plain page, no scripts. */
widgetRenewalRoutes.get("/renewals/return", (c) => {
  const outcome = c.req.query("tenure_checkout") === "cancel" ? "cancel" : "success";
  const message =
    outcome === "success"
      ? "Thank you — your renewal is being confirmed. You can close this tab; the product unlocks by itself."
      : "The checkout was cancelled. You can close this tab and try again from the product.";
  return c.html(`<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Renewal</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><main><p>${message}</p></main></body></html>`);
});
