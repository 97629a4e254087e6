import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
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
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";
import { grantSchema } from "../accounts/schemas.ts";

/** `/v1/accounts/…`: feature-grant revocation (the check is a hot route: routes/accounts/check.ts). */
export const featureRoutes = documentedRouter();

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

const revokeRoute = createRoute({
  method: "post",
  path: "/{accountId}/grants/{grantId}/revoke",
  tags: ["Grants"],
  summary: "Take a feature grant back",
  description: "Writes a revoke row to the ledger; the grant stops counting now.",
  security: secretKey,
  request: { params: accountParams.extend({ grantId: z.string().describe("grt_…") }), body: jsonBody(grantRevokeBody) },
  responses: { 201: json(grantSchema, "The revoke row"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(featureRoutes, revokeRoute, async (c) => {
  const account = await loadAccount(c);
  const grantId = validate(externalId, c.req.param("grantId"), "grantId");
  const body = await readJson(c, grantRevokeBody);
  const deps = c.get("deps");
  const row = await revokeGrant(deps.db, { account, grantId, reason: body.reason, createdBy: c.get("keyId"), now: deps.clock() });
  return c.json(grantView(row), 201);
});

const tokenRoute = createRoute({
  method: "get",
  path: "/{accountId}/entitlement/token",
  tags: ["Entitlement"],
  summary: "The signed entitlement",
  description:
    "A compact JWS (alg EdDSA, with kid) with claims iss, aud = tenant id, sub = account id, iat, exp, contractEndsAt, accessEndsAt, graceEndsAt, lockMode, features and seats. Verify it offline against `GET /v1/tenants/{tenantId}/jwks.json`. `?at=` signs the entitlement at another instant.",
  security: secretKey,
  request: { params: accountParams, query: entitlementQuery },
  responses: { 200: json(z.object({ entitlementToken: z.string(), kid: z.string(), expiresAt: isoInstant }), "The token"), ...errors(...KEY_ERRORS, 404) },
});
declare(featureRoutes, tokenRoute, async (c) => {
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
