import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { widgetNpsAnswerBody, widgetNpsStatusBody, widgetOfferAcceptBody, widgetOfferBody } from "../../../shared/schemas/playbooks.ts";
import { answerNps, npsStatus } from "../../services/nps/nps.ts";
import { acceptOffer } from "../../services/offers/accept-offer.ts";
import { showOffer } from "../../services/offers/show-offer.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";
import { declare, documentedRouter, errors, json, noKey, widgetBody } from "../openapi.ts";
import { WIDGET_ERRORS } from "./index.ts";
import { npsStatusSchema, widgetOfferSchema } from "./playbook-schemas.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import { widgetResponseHeaders } from "./schemas.ts";

/**
 * `/v1/widget/offers…` and `/v1/widget/nps…`: the decline flow's offer step and the NPS
 * question. Mounted after the widget router, whose middleware gives these their CORS and
 * clock headers.
 */
export const widgetPlaybookRoutes = documentedRouter();

/** Offers answer a decline, so they are for the users who may renew (and decline). */
async function renewer(c: Context<AppEnv>, body: { publishableKey: string; userToken: string }): Promise<WidgetIdentity> {
  const identity = await widgetIdentity(c, body);
  if (!identity.tenant.settings.renewalRoles.includes(identity.claims.role)) {
    throw new TenureError("forbidden", `role ${identity.claims.role} may not renew; ask an admin`);
  }
  return identity;
}

const offerAnswer = z.object({ offer: widgetOfferSchema.nullable() });

const offer = createRoute({
  method: "post",
  path: "/offers",
  tags: ["Widget"],
  summary:
    "The vendor's offer for a decline reason (settings declineOffers), with what it means in exact dates and amounts; shown at most once per term, account and kind",
  security: noKey,
  request: { body: widgetBody(widgetOfferBody) },
  responses: {
    201: json(offerAnswer, "The offer, now recorded as shown", widgetResponseHeaders),
    200: json(offerAnswer, "No offer: none is mapped to the reason, this kind was already shown this term, or the contract has ended", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS),
  },
});
declare(widgetPlaybookRoutes, offer, async (c) => {
  const body = validate(widgetOfferBody, await readWidgetBody(c));
  const identity = await renewer(c, body);
  const shown = await showOffer(c.get("deps").db, {
    account: identity.account,
    settings: identity.tenant.settings,
    userId: identity.claims.sub,
    reason: body.reason,
    now: c.get("deps").clock(),
  });
  return c.json({ offer: shown }, shown ? 201 : 200);
});

const accept = createRoute({
  method: "post",
  path: "/offers/accept",
  tags: ["Widget"],
  summary:
    "Accept a shown offer: an extension or upgrade trial goes into the grants ledger now; a discount, bonus seats and 12 + 1 apply to the renewal of this term; offer.accepted is sent once",
  security: noKey,
  request: { body: widgetBody(widgetOfferAcceptBody) },
  responses: {
    200: json(z.object({ offer: widgetOfferSchema }), "The accepted offer (accepting twice answers the same)", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS, 409),
  },
});
declare(widgetPlaybookRoutes, accept, async (c) => {
  const body = validate(widgetOfferAcceptBody, await readWidgetBody(c));
  const identity = await renewer(c, body);
  const accepted = await acceptOffer(c.get("deps").db, {
    account: identity.account,
    settings: identity.tenant.settings,
    offerId: body.offerId,
    userId: identity.claims.sub,
    now: c.get("deps").clock(),
  });
  return c.json({ offer: accepted }, 200);
});

const status = createRoute({
  method: "post",
  path: "/nps",
  tags: ["Widget"],
  summary:
    "Whether to put the NPS question to this user now (the vendor turned it on, its milestone has come, and this user has not answered or dismissed it this term)",
  security: noKey,
  request: { body: widgetBody(widgetNpsStatusBody) },
  responses: { 200: json(npsStatusSchema, "Ask or not, and the window", widgetResponseHeaders), ...errors(...WIDGET_ERRORS) },
});
declare(widgetPlaybookRoutes, status, async (c) => {
  const body = validate(widgetNpsStatusBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  return c.json(
    await npsStatus(c.get("deps").db, {
      account: identity.account,
      settings: identity.tenant.settings,
      userId: identity.claims.sub,
      now: c.get("deps").clock(),
    }),
    200,
  );
});

const answer = createRoute({
  method: "post",
  path: "/nps/answer",
  tags: ["Widget"],
  summary:
    "A score 0–10 with an optional comment (an nps.answered usage signal the health scorecard's NPS measure counts), or dismissed: true; once per user and term",
  security: noKey,
  request: { body: widgetBody(widgetNpsAnswerBody) },
  responses: {
    201: json(z.object({ recorded: z.literal(true) }), "Recorded", widgetResponseHeaders),
    200: json(z.object({ recorded: z.literal(false) }), "This user had already answered or dismissed it this term; nothing changed", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS, 409),
  },
});
declare(widgetPlaybookRoutes, answer, async (c) => {
  const body = validate(widgetNpsAnswerBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  const { recorded } = await answerNps(c.get("deps").db, {
    account: identity.account,
    settings: identity.tenant.settings,
    userId: identity.claims.sub,
    score: body.score ?? null,
    comment: body.comment ?? null,
    now: c.get("deps").clock(),
  });
  return recorded ? c.json({ recorded: true as const }, 201) : c.json({ recorded: false as const }, 200);
});
