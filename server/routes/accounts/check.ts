import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { respondJson } from "../../lib/respond.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { checkBody, checkQuery } from "../../../shared/schemas/features.ts";
import { checkAccountFeature, checkView } from "../../services/features/check-feature.ts";

/**
 * `POST /v1/accounts/{accountId}/check[?at=…]`: may the account use a feature (and this much
 * of it) now? Called by vendors' backends before the action, so it answers from the
 * per-account copy like the entitlement read (routes/hot.ts); metered use is read fresh.
 */
export async function checkRoute(c: Context<AppEnv>): Promise<Response> {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const query = validate(checkQuery, c.req.query(), "query");
  const body = await readJson(c, checkBody);
  const deps = c.get("deps");
  const now = deps.clock();
  const at = query.at ? Date.parse(query.at) : now;
  const answer = await checkAccountFeature(deps.db, {
    tenantId: c.get("tenant").id,
    externalId: id,
    settings: c.get("tenant").settings,
    feature: body.feature,
    quantity: body.quantity ?? 1,
    now,
    at,
  });
  return respondJson(c, checkView(answer));
}
