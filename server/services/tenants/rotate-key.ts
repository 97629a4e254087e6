import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiKeys, tenants } from "../../db/schema/index.ts";
import { newSecret } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { recordChange } from "./changes.ts";
import { keyRow } from "./create-tenant.ts";

/**
 * Issues a new key of one kind and revokes the old ones of that kind at once; the vendor
 * deploys the new key before rotating when it cannot afford a gap.
 */
export async function rotateKey(
  db: Db,
  input: { tenantId: string; kind: "publishable" | "secret"; now: number },
): Promise<{ tenantId: string; kind: string; key: string; revoked: number }> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const key = newSecret(input.kind === "secret" ? "sk" : "pk");
  // A tenant-wide change: every process drops its cached copy of the old key within a second.
  const [revoked] = await recordChange(db, { tenantId: input.tenantId }, [
    db
      .update(apiKeys)
      .set({ revokedAt: input.now })
      .where(and(eq(apiKeys.tenantId, input.tenantId), eq(apiKeys.kind, input.kind), isNull(apiKeys.revokedAt))),
    db.insert(apiKeys).values(await keyRow(input.tenantId, input.kind, key, input.now)),
  ]);
  return { tenantId: input.tenantId, kind: input.kind, key, revoked: revoked.rowsAffected };
}
