import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { respond } from "../../lib/respond.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { entitlementQuery } from "../../../shared/schemas/accounts.ts";
import { readEntitlement } from "../../services/entitlement/account-cache.ts";
import { entitlementJson } from "../../services/entitlement/get-entitlement.ts";

/**
 * `GET /v1/accounts/{accountId}/entitlement[?at=…]`: what the account's users may do at that
 * instant. Read per request by vendors' backends, so it answers from the per-account copy
 * (services/entitlement/account-cache.ts) and runs behind the secret key only (routes/hot.ts).
 */
export async function entitlementRoute(c: Context<AppEnv>): Promise<Response> {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const query = validate(entitlementQuery, c.req.query(), "query");
  const deps = c.get("deps");
  const now = deps.clock();
  const at = query.at ? Date.parse(query.at) : now;
  const { entitlement } = await readEntitlement(deps.db, { tenantId: c.get("tenant").id, externalId: id, settings: c.get("tenant").settings, now, at });
  return respond(c, entitlementJson(entitlement, at), 200, { "Content-Type": "application/json" });
}
