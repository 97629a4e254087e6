import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { listOffers, offerRecordView } from "../../services/offers/show-offer.ts";
import { listOpportunities, opportunityView } from "../../services/reminders/opportunity.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, isoInstant, json, secretKey } from "../openapi.ts";

/** `/v1/accounts/{accountId}/offers` and `…/opportunities` (secret key): the renewal playbook's record. */
export const playbookRoutes = documentedRouter();

const money = z.object({ value: z.int().describe("Minor units"), currency: z.string() });

const opportunitySchema = z.looseObject({
  accountId: z.string(),
  termId: z.string(),
  owner: z.string().nullable().describe("A staff email or the vendor's CRM user id"),
  contractEndDate: z.string(),
  contractEndsAt: isoInstant,
  milestoneDays: z.int().describe("The milestone (days before the end) that opened it: the term's first one sent"),
  nextTerm: z
    .looseObject({
      startDate: z.string(),
      endDate: z.string(),
      seats: z.int(),
      amount: money.nullable().describe("The current amount with the uplift applied"),
    })
    .nullable(),
  health: z.object({ score: z.int(), risk: z.enum(["high", "medium", "low"]) }),
  recap: z.record(z.string(), z.unknown()).describe("The value delivered this term"),
  openedAt: isoInstant,
});

const offerSchema = z.object({
  id: z.string(),
  kind: z.enum(["discount", "extension", "bonus_seats", "twelve_plus_one", "upgrade_trial"]),
  reason: z.string().describe("The decline reason it answered"),
  offer: z.record(z.string(), z.unknown()).describe("The offer as configured when shown"),
  status: z.enum(["shown", "accepted", "declined"]),
  termId: z.string(),
  shownTo: z.string(),
  shownAt: isoInstant,
  decidedBy: z.string().nullable(),
  decidedAt: isoInstant.nullable(),
  grantId: z.string().nullable(),
});

const listOffersRoute = createRoute({
  method: "get",
  path: "/{accountId}/offers",
  tags: ["Renewals"],
  summary: "Offers shown after decline reasons (settings declineOffers), newest first, with their status: shown, accepted or declined",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(z.object({ data: z.array(offerSchema) }), "The account's offers"), ...errors(...KEY_ERRORS, 404) },
});
declare(playbookRoutes, listOffersRoute, async (c) => {
  const account = await findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
  return c.json({ data: (await listOffers(c.get("deps").db, account.id)).map(offerRecordView) });
});

const listOpportunitiesRoute = createRoute({
  method: "get",
  path: "/{accountId}/opportunities",
  tags: ["Renewals"],
  summary: "Renewal opportunities, one per high-touch term, opened at its first reminder milestone: the same data as the renewal.opportunity webhook",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(z.object({ data: z.array(opportunitySchema) }), "Newest first"), ...errors(...KEY_ERRORS, 404) },
});
declare(playbookRoutes, listOpportunitiesRoute, async (c) => {
  const account = await findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
  return c.json({ data: (await listOpportunities(c.get("deps").db, account.id)).map(opportunityView) });
});
