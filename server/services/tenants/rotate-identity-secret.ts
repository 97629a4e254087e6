import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import { newSecret } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { recordChange } from "./changes.ts";
import { openIdentitySecret, sealIdentitySecret, sealPreviousIdentitySecret } from "./secrets.ts";

/** How long the replaced identity secret still verifies user tokens unless told otherwise. */
export const DEFAULT_IDENTITY_OVERLAP_MS = 24 * 3_600_000;

export interface RotatedIdentitySecret {
  tenantId: string;
  kind: "identity";
  identitySecret: string;
  /** Until when tokens signed with the old secret are still accepted (UTC, ISO 8601). */
  previousValidUntil: string;
}

/**
 * Issues a new identity secret. The old one keeps verifying user tokens for `overlapMs`
 * (both are accepted meanwhile), so the vendor can deploy the new secret to every backend
 * that mints tokens without signing anyone out. A secret replaced by an earlier rotation is
 * dropped: only the last one overlaps. An overlap of 0 refuses old tokens at once.
 * @example await rotateIdentitySecret(db, { tenantId, overlapMs: DEFAULT_IDENTITY_OVERLAP_MS, now: Date.now() });
 */
export async function rotateIdentitySecret(db: Db, input: { tenantId: string; overlapMs: number; now: number }): Promise<RotatedIdentitySecret> {
  if (!Number.isSafeInteger(input.overlapMs) || input.overlapMs < 0)
    throw new TenureError("validation_failed", "the overlap must be a whole number of milliseconds, 0 or more");
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const old = await openIdentitySecret(db, tenant.id, tenant.identitySecret);
  const identitySecret = newSecret("tis");
  const until = input.now + input.overlapMs;
  // Conditional on the secret read, so two rotations at once cannot both keep "the old" one.
  const [updated] = await recordChange(db, { tenantId: tenant.id }, [
    db
      .update(tenants)
      .set({
        identitySecret: await sealIdentitySecret(db, tenant.id, identitySecret),
        previousIdentitySecret: input.overlapMs > 0 ? await sealPreviousIdentitySecret(db, tenant.id, old) : null,
        previousIdentitySecretUntil: input.overlapMs > 0 ? until : null,
      })
      .where(and(eq(tenants.id, tenant.id), eq(tenants.identitySecret, tenant.identitySecret))),
  ]);
  if (updated.rowsAffected !== 1) throw new TenureError("conflict", "the identity secret changed meanwhile; run the rotation again");
  return { tenantId: tenant.id, kind: "identity", identitySecret, previousValidUntil: new Date(until).toISOString() };
}
