import type { Db } from "../../db/client.ts";

export interface TenantSummary {
  tenantId: string;
  name: string;
  origins: string[];
  createdAt: string;
  keys: Array<{ id: string; kind: string; hint: string; revoked: boolean }>;
}

/** Every tenant with its keys' hints — never the keys themselves. */
export async function listTenants(db: Db): Promise<TenantSummary[]> {
  const rows = await db.query.tenants.findMany({ orderBy: (t, { asc }) => [asc(t.createdAt)] });
  const keys = await db.query.apiKeys.findMany();
  return rows.map((tenant) => ({
    tenantId: tenant.id,
    name: tenant.name,
    origins: tenant.origins,
    createdAt: new Date(tenant.createdAt).toISOString(),
    keys: keys.filter((key) => key.tenantId === tenant.id).map((key) => ({ id: key.id, kind: key.kind, hint: key.hint, revoked: key.revokedAt != null })),
  }));
}
