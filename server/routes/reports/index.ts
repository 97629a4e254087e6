import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { recommendationResponse, renewalsReportQuery, renewalsReportResponse, retentionReportQuery } from "../../../shared/schemas/reports.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { recommendationFor } from "../../services/reports/recommend.ts";
import { renewalsReport } from "../../services/reports/renewals-report.ts";
import { retentionReport } from "../../services/reports/retention-report.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, json, secretKey } from "../openapi.ts";

/** `/v1/reports/…` and `/v1/accounts/{id}/recommendation`, with the secret key. Mounted at `/v1`. */
export const reportRoutes = documentedRouter();

const renewalsRoute = createRoute({
  method: "get",
  path: "/reports/renewals",
  tags: ["Reports"],
  summary: "Contract ends and ARR by renewal month",
  description:
    "A term counts in the month, in the account's zone, of its local last day. ARR is the amount annualised by the term's calendar length, per currency in minor units. Time grants never move a term to another month.",
  security: secretKey,
  request: { query: renewalsReportQuery },
  responses: { 200: json(renewalsReportResponse, "One entry per month"), ...errors(...KEY_ERRORS) },
});
declare(reportRoutes, renewalsRoute, async (c) => {
  const query = validate(renewalsReportQuery, c.req.query(), "query");
  return c.json(await renewalsReport(c.get("deps").db, { tenantId: c.get("tenant").id, ...query }));
});

const retentionRoute = createRoute({
  method: "get",
  path: "/reports/retention",
  tags: ["Reports"],
  summary: "Retention for terms whose local last day falls in a date range",
  description: "GRR and NRR per currency, renewal rate by count and by ARR, logo churn, each with its definition, and the accounts behind them.",
  security: secretKey,
  request: { query: retentionReportQuery },
  responses: { 200: json(z.looseObject({ definitions: z.record(z.string(), z.string()) }), "The figures"), ...errors(...KEY_ERRORS) },
});
declare(reportRoutes, retentionRoute, async (c) => {
  const query = validate(retentionReportQuery, c.req.query(), "query");
  const deps = c.get("deps");
  return c.json(await retentionReport(deps.db, { tenantId: c.get("tenant").id, ...query, now: deps.clock() }));
});

const recommendationRoute = createRoute({
  method: "get",
  path: "/accounts/{accountId}/recommendation",
  tags: ["Reports"],
  summary: "What to gift the account",
  description:
    "Seats when active users are ≥ 90 % of licensed seats; time when the stage is trial or poc and first value is not reached; else none. With a reason a CSM can read.",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(recommendationResponse, "The recommendation"), ...errors(...KEY_ERRORS, 404) },
});
declare(reportRoutes, recommendationRoute, async (c) => {
  const deps = c.get("deps");
  const account = await findAccount(deps.db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
  return c.json(await recommendationFor(deps.db, { account, now: deps.clock() }));
});
