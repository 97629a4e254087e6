import { TenureError } from "../../../shared/errors.ts";
import { verifyUserToken } from "../../lib/jwt.ts";
import type { UserClaims, VerifyResult } from "../../lib/jwt.ts";
import type { Db } from "../../db/client.ts";
import { findAccount } from "../accounts/find-account.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { ResolvedKey, TenantContext } from "../tenants/resolve-key.ts";

export interface WidgetIdentity {
  tenant: TenantContext;
  account: AccountRow;
  claims: UserClaims;
}

export interface WidgetCaller {
  tenant: TenantContext;
  claims: UserClaims;
}

interface WidgetCredentials {
  publishableKey: string;
  userToken: string;
  origin: string | null;
  now: number;
  resolveKey: (key: string) => Promise<ResolvedKey | null>;
}

/**
 * Widget calls carry a publishable key and a user token. The tenant comes from the key,
 * the account and role from the token verified with that tenant's identity secret — never
 * from anything else the browser says. A page origin outside the tenant's list is refused.
 * No database read: keys are cached, tokens verified in memory.
 */
export async function verifyWidgetCaller(input: WidgetCredentials): Promise<WidgetCaller> {
  const resolved = await input.resolveKey(input.publishableKey);
  if (!resolved || resolved.kind !== "publishable") throw new TenureError("unauthorized", "unknown publishable key");
  const { tenant } = resolved;
  refuseOrigin(tenant, input.origin);
  const verified = await verifyWithRotation(input.userToken, tenant, input.now);
  if (!verified.ok) {
    // Its own code, so the widget knows to ask the host for a fresh token rather than give up.
    const code = verified.reason === "token expired" ? "token_expired" : "unauthorized";
    throw new TenureError(code, `user token rejected: ${verified.reason}`);
  }
  return { tenant, claims: verified.claims };
}

/**
 * The current identity secret, and during a rotation's overlap the one it replaced: tokens
 * minted by a backend not yet redeployed keep working until the overlap ends.
 */
async function verifyWithRotation(token: string, tenant: TenantContext, now: number): Promise<VerifyResult> {
  const verified = await verifyUserToken(token, tenant.identitySecret, now);
  const previous = tenant.previousIdentitySecret;
  if (verified.ok || verified.reason !== "bad signature" || !previous || now >= previous.until) return verified;
  return verifyUserToken(token, previous.secret, now);
}

/** `verifyWidgetCaller`, then the account the token names (404 if it is not the tenant's). */
export async function authenticateWidget(db: Db, input: WidgetCredentials): Promise<WidgetIdentity> {
  const { tenant, claims } = await verifyWidgetCaller(input);
  const account = await findAccount(db, tenant.id, claims.acct);
  return { tenant, account, claims };
}

/** Throws 403 for a page origin the tenant does not allow. */
export function refuseOrigin(tenant: TenantContext, origin: string | null): void {
  if (!originAllowed(tenant.origins, origin)) throw new TenureError("forbidden", `origin ${origin} is not allowed for this key`);
}

/** With no origins configured any page may load the widget; otherwise only listed origins. */
export function originAllowed(origins: readonly string[], origin: string | null): boolean {
  if (origins.length === 0 || origin === null) return true;
  return origins.includes(origin);
}
