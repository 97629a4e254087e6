import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { TenureError } from "../../../shared/errors.ts";
import { publicKeySet } from "../../services/signing/signing-keys.ts";
import { declare, documentedRouter, errors, json, noKey } from "../openapi.ts";

/** `/v1/tenants/{tenantId}/jwks.json`: public keys that verify entitlement tokens. No key needed. */
export const tenantRoutes = documentedRouter();

const TENANT_ID = /^ten_[1-9A-HJ-NP-Za-km-z]{1,64}$/;

const jwksSchema = z.object({
  keys: z.array(z.object({ kty: z.literal("OKP"), crv: z.literal("Ed25519"), x: z.string(), kid: z.string(), alg: z.literal("EdDSA"), use: z.literal("sig") })),
});

const jwks = createRoute({
  method: "get",
  path: "/{tenantId}/jwks.json",
  tags: ["Entitlement"],
  summary: "Public keys that verify entitlement tokens",
  description: "No key needed, cacheable. A rotated key stays in the set until the tokens it signed expire.",
  security: noKey,
  request: { params: z.object({ tenantId: z.string().describe("Your tenant id, ten_…") }) },
  responses: { 200: json(jwksSchema, "The JSON Web Key Set"), ...errors(404) },
});
declare(tenantRoutes, jwks, async (c) => {
  const tenantId = c.req.param("tenantId") ?? "";
  const set = TENANT_ID.test(tenantId) ? await publicKeySet(c.get("deps").db, tenantId, c.get("deps").clock()) : null;
  if (!set) throw new TenureError("not_found", `no tenant ${tenantId}`);
  // Cacheable: a rotated key stays in the set for a whole token lifetime, far longer than this.
  return c.json(set, 200, { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" });
});
