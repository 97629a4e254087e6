import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { scorecardPutBody } from "../../../shared/schemas/health.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { getHealth } from "../../services/health/get-health.ts";
import { getScorecard, putScorecard } from "../../services/health/scorecard-store.ts";

/** `/v1/scorecard` (the tenant's health scorecard) and `/v1/accounts/{id}/health`. Mounted at `/v1`. */
export const healthRoutes = new Hono<AppEnv>();

healthRoutes.put("/scorecard", async (c) => {
  const scorecard = await readJson(c, scorecardPutBody);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  return c.json(await putScorecard(deps.db, { tenantId: tenant.id, scorecard, now: deps.clock() }));
});

healthRoutes.get("/scorecard", async (c) => {
  const { scorecard, isDefault } = await getScorecard(c.get("deps").db, c.get("tenant").id);
  return c.json({ ...scorecard, isDefault });
});

healthRoutes.get("/accounts/:accountId/health", async (c) => {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const account = await findAccount(deps.db, tenant.id, id);
  return c.json(await getHealth(deps.db, { account, now: deps.clock() }));
});
