import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { grantRevokeBody } from "../../../shared/schemas/features.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { grantView, revokeGrant } from "../../services/grants/create-grant.ts";
import { entitlementQuery } from "../../../shared/schemas/accounts.ts";
import { getEntitlement } from "../../services/entitlement/get-entitlement.ts";
import { entitlementToken } from "../../services/signing/entitlement-token.ts";
import { issuerOf } from "../issuer.ts";

/** `/v1/accounts/…`: feature-grant revocation (the check is a hot route: routes/accounts/check.ts). */
export const featureRoutes = new Hono<AppEnv>();

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

featureRoutes.post("/:accountId/grants/:grantId/revoke", async (c) => {
  const account = await loadAccount(c);
  const grantId = validate(externalId, c.req.param("grantId"), "grantId");
  const body = await readJson(c, grantRevokeBody);
  const deps = c.get("deps");
  const row = await revokeGrant(deps.db, { account, grantId, reason: body.reason, createdBy: c.get("keyId"), now: deps.clock() });
  return c.json(grantView(row), 201);
});

featureRoutes.get("/:accountId/entitlement/token", async (c) => {
  const account = await loadAccount(c);
  const query = validate(entitlementQuery, c.req.query(), "query");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const now = deps.clock();
  const at = query.at ? Date.parse(query.at) : now;
  const entitlement = await getEntitlement(deps.db, { account, settings: tenant.settings, now: at });
  const signed = await entitlementToken(deps.db, { tenant, account, entitlement, issuer: issuerOf(c), now });
  return c.json({ entitlementToken: signed.token, kid: signed.kid, expiresAt: new Date(signed.expiresAt).toISOString() });
});
