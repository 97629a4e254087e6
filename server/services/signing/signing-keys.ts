import { and, desc, eq, isNull, sql } from "drizzle-orm";
import { exportJWK, generateKeyPair, importJWK } from "jose";
import type { JWK } from "jose";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { signingKeys, tenants } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { readSettings } from "../tenants/settings.ts";
import { openSigningKey, sealSigningKey } from "./key-box.ts";

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey;
}

// Built once per database: every cold widget read signs, and building the query cost more than running it.
const reads = perDb((db) => ({
  active: db
    .select()
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, sql.placeholder("tenantId")), isNull(signingKeys.retiredAt)))
    .orderBy(desc(signingKeys.createdAt))
    .limit(1)
    .prepare(),
}));

/** Imported private keys by kid: importing costs more than signing. Rows are still read every time. */
const imported = new Map<string, CryptoKey>();

async function createKey(db: Db, tenant: { id: string }, now: number): Promise<typeof signingKeys.$inferInsert> {
  const pair = await generateKeyPair("EdDSA", { crv: "Ed25519", extractable: true });
  const kid = newId("sig");
  const { kty, crv, x } = await exportJWK(pair.publicKey);
  const privateJwk = await exportJWK(pair.privateKey);
  return {
    id: kid,
    tenantId: tenant.id,
    publicJwk: { kty: kty!, crv: crv!, x: x! },
    privateSealed: await sealSigningKey(db, kid, JSON.stringify(privateJwk)),
    createdAt: now,
  };
}

/**
 * The tenant's signing key, made on first use. Read from the database on every call, so a
 * rotation by another process (the CLI) is followed at once; two first signs racing may
 * each make a key, and both are then published.
 */
export async function activeSigningKey(db: Db, tenant: { id: string }, now: number): Promise<ActiveKey> {
  let row = await reads(db).active.get({ tenantId: tenant.id });
  if (!row) {
    const fresh = await createKey(db, tenant, now);
    await db.insert(signingKeys).values(fresh);
    row = { ...fresh, retiredAt: null, publishUntil: null } as typeof signingKeys.$inferSelect;
  }
  let privateKey = imported.get(row.id);
  if (!privateKey) {
    const jwk = JSON.parse(await openSigningKey(db, row.id, row.privateSealed)) as JWK;
    privateKey = (await importJWK(jwk, "EdDSA")) as CryptoKey;
    imported.set(row.id, privateKey);
  }
  return { kid: row.id, privateKey };
}

/**
 * `tenant rotate-key --kind signing`: a new key signs from now on; the old ones stop signing
 * and stay in the key set until the last token they signed has expired (one token lifetime on).
 */
export async function rotateSigningKey(
  db: Db,
  input: { tenantId: string; now: number },
): Promise<{ tenantId: string; kind: "signing"; kid: string; retired: number }> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const ttlSeconds = readSettings(tenant.settings).entitlementTokenTtlSeconds;
  const fresh = await createKey(db, tenant, input.now);
  const [retired] = await db.batch([
    db
      .update(signingKeys)
      .set({ retiredAt: input.now, publishUntil: input.now + ttlSeconds * 1000 })
      .where(and(eq(signingKeys.tenantId, tenant.id), isNull(signingKeys.retiredAt))),
    db.insert(signingKeys).values(fresh),
  ]);
  return { tenantId: tenant.id, kind: "signing", kid: fresh.id, retired: retired.rowsAffected };
}

/** The public key set: keys that sign, and retired ones whose tokens may still be valid. Null for an unknown tenant. */
export async function publicKeySet(db: Db, tenantId: string, now: number): Promise<{ keys: Array<Record<string, string>> } | null> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId), columns: { id: true } });
  if (!tenant) return null;
  const rows = await db
    .select({ id: signingKeys.id, publicJwk: signingKeys.publicJwk })
    .from(signingKeys)
    .where(and(eq(signingKeys.tenantId, tenantId), sql`(${signingKeys.retiredAt} IS NULL OR ${signingKeys.publishUntil} > ${now})`))
    .orderBy(desc(signingKeys.createdAt));
  return { keys: rows.map((row) => ({ ...row.publicJwk, kid: row.id, alg: "EdDSA", use: "sig" })) };
}
