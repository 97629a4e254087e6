import type { Db } from "../../db/client.ts";
import { apiKeys, tenants } from "../../db/schema/index.ts";
import { newId, newSecret, sha256Hex } from "../../lib/ids.ts";
import { sealIdentitySecret, sealSettings } from "./secrets.ts";
import { tenantSettingsSchema } from "./settings.ts";
import type { TenantSettings } from "./settings.ts";

export interface CreatedTenant {
  tenantId: string;
  name: string;
  origins: string[];
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

/** Creates a vendor tenant with its first keys. The secret key is returned once and stored hashed. */
export async function createTenant(
  db: Db,
  input: { name: string; origins: string[]; now: number; settings?: Partial<TenantSettings> },
): Promise<CreatedTenant> {
  const tenantId = newId("ten");
  const publishableKey = newSecret("pk");
  const secretKey = newSecret("sk");
  const identitySecret = newSecret("tis");
  const settings = tenantSettingsSchema.parse({ productName: input.name, ...input.settings });
  await db.batch([
    db.insert(tenants).values({
      id: tenantId,
      name: input.name,
      identitySecret: await sealIdentitySecret(db, tenantId, identitySecret),
      origins: input.origins,
      settings: await sealSettings(db, tenantId, settings),
      createdAt: input.now,
    }),
    db.insert(apiKeys).values(await keyRow(tenantId, "publishable", publishableKey, input.now)),
    db.insert(apiKeys).values(await keyRow(tenantId, "secret", secretKey, input.now)),
  ]);
  return { tenantId, name: input.name, origins: input.origins, publishableKey, secretKey, identitySecret };
}

export async function keyRow(tenantId: string, kind: "publishable" | "secret", key: string, now: number): Promise<typeof apiKeys.$inferInsert> {
  return { id: newId("key"), tenantId, kind, hash: await sha256Hex(key), hint: `${key.slice(0, 7)}…`, createdAt: now };
}
