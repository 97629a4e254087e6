import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { readJson, validate } from "../../lib/body.ts";
import { planFeature, planId, planPutBody } from "../../../shared/schemas/features.ts";
import { getPlan, listPlans, planView, putPlan } from "../../services/plans/plans.ts";
import { KEY_ERRORS, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";

/** `/v1/plans…`: the vendor's plans and their features. */
export const planRoutes = documentedRouter();

const planSchema = z.object({
  id: z.string(),
  name: z.string(),
  features: z.record(z.string(), planFeature),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});
const planParams = z.object({ planId: planId.describe("Your plan id, as contracts name it (e.g. Team, 企业版)") });

const listPlansRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Plans"],
  summary: "Your plans",
  security: secretKey,
  responses: { 200: json(z.object({ data: z.array(planSchema) }), "Every plan"), ...errors(...KEY_ERRORS) },
});
declare(planRoutes, listPlansRoute, async (c) => {
  const rows = await listPlans(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map(planView) });
});

const putPlanRoute = createRoute({
  method: "put",
  path: "/{planId}",
  tags: ["Plans"],
  summary: "Define or replace a plan",
  description:
    "`features`: `{key: {type: boolean} | {type: limit, limit} | {type: metered, limit, event, period: day|month|term, overage: block|allow}}`. A change applies to every account on the plan at once.",
  security: secretKey,
  request: { params: planParams, body: jsonBody(planPutBody) },
  responses: { 200: json(planSchema, "Replaced"), 201: json(planSchema, "Created"), ...errors(...KEY_ERRORS, 415) },
});
declare(planRoutes, putPlanRoute, async (c) => {
  const id = validate(planId, c.req.param("planId"), "planId");
  const body = await readJson(c, planPutBody);
  const deps = c.get("deps");
  const { plan, created } = await putPlan(deps.db, { tenantId: c.get("tenant").id, planId: id, body, now: deps.clock() });
  return c.json(planView(plan), created ? 201 : 200);
});

const getPlanRoute = createRoute({
  method: "get",
  path: "/{planId}",
  tags: ["Plans"],
  summary: "One plan",
  security: secretKey,
  request: { params: planParams },
  responses: { 200: json(planSchema, "The plan"), ...errors(...KEY_ERRORS, 404) },
});
declare(planRoutes, getPlanRoute, async (c) => {
  const id = validate(planId, c.req.param("planId"), "planId");
  return c.json(planView(await getPlan(c.get("deps").db, c.get("tenant").id, id)));
});
