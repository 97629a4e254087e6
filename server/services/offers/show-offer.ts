import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { offers } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import type { DeclineReason } from "../../../shared/schemas/renewals.ts";
import type { OfferView } from "../../../shared/offers/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import type { DeclineOffer } from "../tenants/settings.ts";
import { offerFacts } from "./offer-facts.ts";

export type OfferRow = typeof offers.$inferSelect;

/**
 * The offer for a decline reason, if the vendor mapped one and this account has not been
 * shown that kind of offer this term: recording it as shown is what makes it once per term
 * and account (an insert-or-ignore on the unique key), so two admins never both get it.
 */
export async function showOffer(
  db: Db,
  input: { account: AccountRow; settings: TenantSettings; userId: string; reason: DeclineReason; now: number },
): Promise<OfferView | null> {
  const { account, settings, now } = input;
  const offer = settings.declineOffers[input.reason];
  if (!offer) return null;
  const entitlement = await getEntitlement(db, { account, settings, now });
  const term = entitlement.term;
  // After the contract end an offer about the next term is too late; recovery takes over.
  if (now >= term.contractEndsAt) return null;
  const facts = offerFacts({ offer, account, term, accessEndsAt: entitlement.accessEndsAt, now, labels: settings.eventLabels });
  if (offer.kind === "discount" && !facts.amount) return null; // nothing to take a percent of
  const id = newId("ofr");
  const inserted = await db
    .insert(offers)
    .values({
      id,
      tenantId: account.tenantId,
      accountId: account.id,
      termId: term.id,
      kind: offer.kind,
      reason: input.reason,
      params: { ...offer },
      status: "shown",
      shownTo: input.userId,
      shownAt: now,
    })
    .onConflictDoNothing()
    .returning();
  const row = inserted[0];
  return row ? offerView(row, facts) : null;
}

/** The account's offers, newest first. */
export async function listOffers(db: Db, accountId: string): Promise<OfferRow[]> {
  return db.query.offers.findMany({ where: eq(offers.accountId, accountId), orderBy: desc(offers.shownAt) });
}

/** Offers accepted for a term (they shape its renewal). */
export async function acceptedOffers(db: Db, accountId: string, termId: string): Promise<OfferRow[]> {
  return db.query.offers.findMany({ where: and(eq(offers.accountId, accountId), eq(offers.termId, termId), eq(offers.status, "accepted")) });
}

/** The offer's configuration as it was when shown. */
export function offerConfig(row: OfferRow): DeclineOffer {
  return row.params as DeclineOffer;
}

export function offerView(row: OfferRow, facts: OfferView["facts"]): OfferView {
  return { id: row.id, kind: row.kind, reason: row.reason, status: row.status, facts, shownAt: row.shownAt, decidedAt: row.decidedAt };
}

/** The API's wire form (ISO instants). */
export function offerRecordView(row: OfferRow): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    kind: row.kind,
    reason: row.reason,
    offer: row.params,
    status: row.status,
    termId: row.termId,
    shownTo: row.shownTo,
    shownAt: iso(row.shownAt),
    decidedBy: row.decidedBy,
    decidedAt: iso(row.decidedAt),
    grantId: row.grantId,
  };
}
