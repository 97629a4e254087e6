import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { planId, planPutBody } from "../../../shared/schemas/features.ts";
import { getPlan, listPlans, planView, putPlan } from "../../services/plans/plans.ts";

/** `/v1/plans…`: the vendor's plans and their features. */
export const planRoutes = new Hono<AppEnv>();

planRoutes.get("/", async (c) => {
  const rows = await listPlans(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map(planView) });
});

planRoutes.put("/:planId", async (c) => {
  const id = validate(planId, c.req.param("planId"), "planId");
  const body = await readJson(c, planPutBody);
  const deps = c.get("deps");
  const { plan, created } = await putPlan(deps.db, { tenantId: c.get("tenant").id, planId: id, body, now: deps.clock() });
  return c.json(planView(plan), created ? 201 : 200);
});

planRoutes.get("/:planId", async (c) => {
  const id = validate(planId, c.req.param("planId"), "planId");
  return c.json(planView(await getPlan(c.get("deps").db, c.get("tenant").id, id)));
});
