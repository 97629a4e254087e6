import { SignJWT } from "jose";
import type { Db } from "../../db/client.ts";
import { contentHash } from "../../lib/ids.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { featuresView } from "../features/account-features.ts";
import type { AccountEntitlement } from "../entitlement/get-entitlement.ts";
import { activeSigningKey } from "./signing-keys.ts";

/**
 * The claims of an entitlement token, besides the registered ones (`iss`, `aud` = tenant id,
 * `sub` = account id, `iat`, `exp`). Instants, not a state: a verifier computes the state at
 * its own `now`, so a boundary crossed within the token's lifetime is still answered right.
 */
export function entitlementClaims(entitlement: AccountEntitlement): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    contractEndsAt: iso(entitlement.contractEndsAt),
    accessEndsAt: iso(entitlement.accessEndsAt),
    graceEndsAt: iso(entitlement.graceEndsAt),
    lockMode: entitlement.lockMode,
    features: featuresView(entitlement.features.answers),
    seats: { ...entitlement.seats, ...entitlement.seatPolicy },
  };
}

interface Signed {
  token: string;
  kid: string;
  issuedAt: number;
  expiresAt: number;
}

const MAX_REMEMBERED = 10_000;
const signed = new Map<string, Signed>();

/**
 * A compact EdDSA JWS of the account's entitlement, with the signing key's `kid`. The same
 * claims signed less than half a lifetime ago are answered again (signing on every widget
 * read would cost more than the read), unless the key was rotated since.
 */
export async function entitlementToken(
  db: Db,
  input: {
    tenant: { id: string; settings: { entitlementTokenTtlSeconds: number } };
    account: AccountRow;
    entitlement: AccountEntitlement;
    issuer: string;
    now: number;
  },
): Promise<Signed> {
  const { tenant, account, now } = input;
  const ttlMs = tenant.settings.entitlementTokenTtlSeconds * 1000;
  const claims = entitlementClaims(input.entitlement);
  const key = await activeSigningKey(db, tenant, now);
  const memoKey = `${tenant.id}\n${account.id}\n${input.issuer}\n${contentHash(JSON.stringify(claims))}`;
  const known = signed.get(memoKey);
  if (known && known.kid === key.kid && known.issuedAt <= now && known.expiresAt - now > ttlMs / 2) return known;
  const iat = Math.floor(now / 1000);
  const exp = iat + tenant.settings.entitlementTokenTtlSeconds;
  const token = await new SignJWT(claims)
    .setProtectedHeader({ alg: "EdDSA", kid: key.kid, typ: "JWT" })
    .setIssuer(input.issuer)
    .setAudience(tenant.id)
    .setSubject(account.externalId)
    .setIssuedAt(iat)
    .setExpirationTime(exp)
    .sign(key.privateKey);
  const fresh = { token, kid: key.kid, issuedAt: iat * 1000, expiresAt: exp * 1000 };
  if (signed.size >= MAX_REMEMBERED) signed.clear();
  signed.set(memoKey, fresh);
  return fresh;
}
