import type { Db } from "../../db/client.ts";
import { contentHash } from "../../lib/ids.ts";
import { isReadOnly } from "../../../shared/entitlement/timeline.ts";
import type { BootstrapResponse } from "../../../shared/wire/bootstrap.ts";
import type { Snapshot } from "./snapshot-cache.ts";
import { readAccount } from "../entitlement/account-cache.ts";
import { entitlementFrom, withMeteredUse } from "../entitlement/get-entitlement.ts";
import { renewalWidgetState } from "../renewals/widget-state.ts";
import { countActiveUsers } from "../usage/active-users.ts";
import { findUser, recordUser } from "../users/record-user.ts";
import type { WidgetCaller, WidgetIdentity } from "./authenticate.ts";
import { snapshotFor } from "./snapshot-cache.ts";
import { entitlementToken } from "../signing/entitlement-token.ts";
import { npsOpensAt } from "../nps/nps.ts";

/** How stale `lastSeenAt` may get before a bootstrap writes it again; keeps reads read-only. */
const SEEN_RESOLUTION_MS = 5 * 60_000;

/** Everything the widget renders from, in one answer. `etag` covers all but `serverNow`. */
export async function buildBootstrap(db: Db, identity: WidgetIdentity, now: number, issuer: string): Promise<Snapshot> {
  const { tenant, account, claims } = identity;
  const { settings } = tenant;
  const known = await findUser(db, account.id, claims.sub);
  // A user without a seat (refused, or released) asks for one again on every fresh read.
  const { user, seated } =
    known && known.seated && known.user.role === claims.role && now - known.user.lastSeenAt < SEEN_RESOLUTION_MS
      ? known
      : await recordUser(db, { account, claims, now });
  // Read after the user is recorded: a new seat moves the account's version, so `seats.used` counts it.
  const { source } = await readAccount(db, tenant.id, account.externalId, now);
  const entitlement = await withMeteredUse(db, account, entitlementFrom(account, source, settings, now), now);
  const renewal = await renewalWidgetState(db, { accountId: account.id, termId: entitlement.term.id, settings, role: claims.role, userId: claims.sub });
  const isAdmin = claims.role === "admin";
  const active = isAdmin ? await countActiveUsers(db, account, now) : 0;
  const signed = await entitlementToken(db, { tenant, account, entitlement, issuer, now });
  const renewalUrl = settings.renewalUrl?.replaceAll("{accountId}", encodeURIComponent(account.externalId)) ?? null;
  const body: Omit<BootstrapResponse, "etag" | "serverNow"> = {
    locale: account.locale,
    account: { id: account.externalId, name: account.name, timezone: account.timezone },
    user: { id: claims.sub, role: claims.role, name: claims.name ?? user.name, seated },
    entitlement: {
      state: entitlement.state,
      lockMode: entitlement.lockMode,
      readOnly: isReadOnly(entitlement.state, entitlement.lockMode),
      contractEndsAt: entitlement.contractEndsAt,
      expiringFrom: entitlement.expiringFrom,
      accessEndsAt: entitlement.accessEndsAt,
      graceEndsAt: entitlement.graceEndsAt,
      nextChangeAt: entitlement.nextChangeAt,
      holdUntil: renewal.holdUntil,
    },
    seats: isAdmin ? { ...entitlement.seats, active, policy: entitlement.seatPolicy.policy, limit: entitlement.seatPolicy.limit } : null,
    features: entitlement.features.answers,
    entitlementToken: signed.token,
    renewal: { url: renewalUrl, ...renewal.renewal },
    branding: { productName: settings.productName, accentColor: settings.accentColor, supportEmail: settings.supportEmail },
    preferences: { bannerDismissedUntil: user.bannerDismissedUntil, modalSnoozedUntil: user.modalSnoozedUntil },
    // Only when the vendor turned the NPS question on; whether this user answered is asked in its window.
    ...(settings.nps.enabled ? { nps: { from: npsOpensAt(settings, entitlement.term, account.timezone)!, until: entitlement.contractEndsAt } } : {}),
  };
  const etag = `"${contentHash(JSON.stringify(body))}"`;
  return { ...body, etag };
}

/** Each kept caller's snapshot key (kept-calls.ts hands the same caller back for hours). */
const snapshotKeys = new WeakMap<WidgetCaller, string>();

/**
 * The bootstrap for a verified caller, from this process's short-lived memory when it can
 * be (see snapshot-cache.ts), otherwise from the database.
 */
export function bootstrapFor(db: Db, caller: WidgetCaller, now: number, issuer: () => string): Promise<Snapshot> {
  const { tenant, claims } = caller;
  let key = snapshotKeys.get(caller);
  if (key === undefined) {
    key = [tenant.id, claims.acct, claims.sub, claims.role, claims.name ?? ""].join("\n");
    snapshotKeys.set(caller, key);
  }
  return snapshotFor(db, {
    key,
    tenantId: tenant.id,
    now,
    load: async () => buildBootstrap(db, { tenant, account: (await readAccount(db, tenant.id, claims.acct, now)).account, claims }, now, issuer()),
  });
}
