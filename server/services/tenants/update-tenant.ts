import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { recordChange } from "./changes.ts";

export interface UpdatedTenant {
  tenantId: string;
  name: string;
  origins: string[];
}

/**
 * Changes a tenant's name or the page origins its widget may load on. `origins` replaces the
 * whole allowed set (an empty list lets any origin load it); every server sees the new set
 * within a second (a tenant-wide change).
 */
export async function updateTenant(db: Db, input: { tenantId: string; name?: string; origins?: string[] }): Promise<UpdatedTenant> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const next = { name: input.name ?? tenant.name, origins: input.origins ?? tenant.origins };
  await recordChange(db, { tenantId: tenant.id }, [db.update(tenants).set(next).where(eq(tenants.id, tenant.id))]);
  return { tenantId: tenant.id, ...next };
}
