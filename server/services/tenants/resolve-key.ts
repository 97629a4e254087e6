import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { apiKeys, tenants } from "../../db/schema/index.ts";
import { sha256Hex } from "../../lib/ids.ts";
import { openIdentitySecret, openPreviousIdentitySecret, openSettings } from "./secrets.ts";
import { changeCount, tenantVersion } from "./tenant-version.ts";
import type { TenantSettings } from "./settings.ts";

export interface TenantContext {
  id: string;
  name: string;
  identitySecret: string;
  /** The secret a rotation replaced, which still verifies user tokens before `until` (ms). */
  previousIdentitySecret?: { secret: string; until: number };
  origins: string[];
  settings: TenantSettings;
}

export interface ResolvedKey {
  keyId: string;
  kind: "publishable" | "secret";
  tenant: TenantContext;
}

const KEY_PATTERN = /^(pk|sk)_[1-9A-HJ-NP-Za-km-z]{16,64}$/;

/** Finds the live key and its tenant, or null for a malformed, unknown or revoked key. */
export async function resolveKey(db: Db, key: string): Promise<ResolvedKey | null> {
  if (!KEY_PATTERN.test(key)) return null;
  const [row] = await db
    .select({ keyId: apiKeys.id, kind: apiKeys.kind, tenant: tenants })
    .from(apiKeys)
    .innerJoin(tenants, eq(tenants.id, apiKeys.tenantId))
    .where(and(eq(apiKeys.hash, await sha256Hex(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) return null;
  const { tenant } = row;
  return {
    keyId: row.keyId,
    kind: row.kind,
    tenant: {
      id: tenant.id,
      name: tenant.name,
      identitySecret: await openIdentitySecret(db, tenant.id, tenant.identitySecret),
      ...(tenant.previousIdentitySecret !== null && tenant.previousIdentitySecretUntil !== null
        ? {
            previousIdentitySecret: {
              secret: await openPreviousIdentitySecret(db, tenant.id, tenant.previousIdentitySecret),
              until: tenant.previousIdentitySecretUntil,
            },
          }
        : {}),
      origins: tenant.origins,
      settings: await openSettings(db, tenant.id, tenant.settings),
    },
  };
}

/**
 * A short-lived in-process cache in front of `resolveKey`: keys are read on every request.
 * A write through this process (settings above all) is seen at once (tenant-version.ts);
 * a revocation or change made elsewhere (the CLI) reaches a process within its change
 * watcher's second (changes.ts), or within `ttlMs` where no watcher runs.
 */
export function createKeyCache(db: Db, ttlMs = 5_000, clock: () => number = Date.now): (key: string) => Promise<ResolvedKey | null> {
  const entries = new Map<string, { value: ResolvedKey | null; version: string | null; expires: number }>();
  return async function cachedResolveKey(key: string): Promise<ResolvedKey | null> {
    const now = clock();
    const hit = entries.get(key);
    const fresh = hit && hit.expires > now && (hit.value === null || hit.version === tenantVersion(db, hit.value.tenant.id));
    if (fresh) return hit.value;
    const changesBefore = changeCount(db);
    const value = await resolveKey(db, key);
    // A write that landed while the key was being read may not be in `value`: answer with it,
    // but do not remember it.
    if (changeCount(db) !== changesBefore) return value;
    if (entries.size > 10_000) entries.clear();
    entries.set(key, { value, version: value ? tenantVersion(db, value.tenant.id) : null, expires: now + ttlMs });
    return value;
  };
}
