import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { TenantContext } from "../tenants/resolve-key.ts";
import { readSettings } from "../tenants/settings.ts";

/** The tenant a staff session belongs to, with its settings read fresh. */
export async function tenantContext(db: Db, tenantId: string): Promise<TenantContext> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new TenureError("unauthorized", "the session's tenant no longer exists");
  return { id: tenant.id, name: tenant.name, identitySecret: tenant.identitySecret, origins: tenant.origins, settings: readSettings(tenant.settings) };
}
