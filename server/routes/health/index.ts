import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { readJson, validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { healthResponse, scorecardPutBody } from "../../../shared/schemas/health.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { getHealth } from "../../services/health/get-health.ts";
import { getScorecard, putScorecard } from "../../services/health/scorecard-store.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, json, jsonBody, secretKey } from "../openapi.ts";

/** `/v1/scorecard` (the tenant's health scorecard) and `/v1/accounts/{id}/health`. Mounted at `/v1`. */
export const healthRoutes = documentedRouter();

const scorecardSchema = z.object({
  measures: z.array(
    z.object({
      key: z.string(),
      metric: z.string(),
      weight: z.number(),
      direction: z.enum(["higher_is_better", "lower_is_better"]),
      tiers: z.array(z.object({ threshold: z.number(), score: z.number() })),
      missing: z.enum(["ignore", "zero", "neutral"]),
      windowDays: z.int(),
    }),
  ),
  bands: z.object({ highMax: z.int(), mediumMax: z.int() }),
  coreFeatures: z.array(z.string()),
});

const putRoute = createRoute({
  method: "put",
  path: "/scorecard",
  tags: ["Health"],
  summary: "Set the health scorecard",
  description: "Measures (metric, weight, optional direction, tiers, missing, windowDays) and risk bands. Each metric's defaults fill what is left out.",
  security: secretKey,
  request: { body: jsonBody(scorecardPutBody) },
  responses: { 200: json(scorecardSchema, "The scorecard, defaults filled in"), ...errors(...KEY_ERRORS, 415) },
});
declare(healthRoutes, putRoute, async (c) => {
  const scorecard = await readJson(c, scorecardPutBody);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  return c.json(await putScorecard(deps.db, { tenantId: tenant.id, scorecard, now: deps.clock() }));
});

const getRoute = createRoute({
  method: "get",
  path: "/scorecard",
  tags: ["Health"],
  summary: "The health scorecard in force (the default unless you set one)",
  security: secretKey,
  responses: { 200: json(scorecardSchema.extend({ isDefault: z.boolean() }), "The scorecard"), ...errors(...KEY_ERRORS) },
});
declare(healthRoutes, getRoute, async (c) => {
  const { scorecard, isDefault } = await getScorecard(c.get("deps").db, c.get("tenant").id);
  return c.json({ ...scorecard, isDefault });
});

const healthRoute = createRoute({
  method: "get",
  path: "/accounts/{accountId}/health",
  tags: ["Health"],
  summary: "Health score 0–100, risk band, each measure's contribution, phase and the daily history",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(healthResponse, "The account's health"), ...errors(...KEY_ERRORS, 404) },
});
declare(healthRoutes, healthRoute, async (c) => {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const account = await findAccount(deps.db, tenant.id, id);
  return c.json(await getHealth(deps.db, { account, now: deps.clock() }));
});
