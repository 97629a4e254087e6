import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { usageQuery } from "../../../shared/schemas/events.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { usageView } from "../../services/usage/usage-view.ts";

/** `GET /v1/accounts/{id}/usage?days=N`: daily rollups, never raw events. Mounted at `/v1`. */
export const usageRoutes = new Hono<AppEnv>();

usageRoutes.get("/accounts/:accountId/usage", async (c) => {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const query = validate(usageQuery, c.req.query(), "query");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const account = await findAccount(deps.db, tenant.id, id);
  return c.json(await usageView(deps.db, { account, days: query.days, now: deps.clock() }));
});
