import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { TenureError } from "../../../shared/errors.ts";
import { publicKeySet } from "../../services/signing/signing-keys.ts";

/** `/v1/tenants/{tenantId}/jwks.json`: public keys that verify entitlement tokens. No key needed. */
export const tenantRoutes = new Hono<AppEnv>();

const TENANT_ID = /^ten_[1-9A-HJ-NP-Za-km-z]{1,64}$/;

tenantRoutes.get("/:tenantId/jwks.json", async (c) => {
  const tenantId = c.req.param("tenantId");
  const set = TENANT_ID.test(tenantId) ? await publicKeySet(c.get("deps").db, tenantId, c.get("deps").clock()) : null;
  if (!set) throw new TenureError("not_found", `no tenant ${tenantId}`);
  // Cacheable: a rotated key stays in the set for a whole token lifetime, far longer than this.
  return c.json(set, 200, { "Cache-Control": "public, max-age=300", "Access-Control-Allow-Origin": "*" });
});
