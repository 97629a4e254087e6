/**
 * A retention offer as the widget and the API see it. Instants are epoch ms; dates are the
 * account's local `YYYY-MM-DD`. Types only, so the widget bundle stays free of zod and luxon.
 */
export type OfferKind = "discount" | "extension" | "bonus_seats" | "twelve_plus_one" | "upgrade_trial";

export interface OfferFacts {
  kind: OfferKind;
  timezone: string;
  contractEndsAt: number;
  accessEndsAt: number;
  /** The term a renewal would start (null when it cannot be computed). */
  nextTerm: { startDate: string; endDate: string; startsAt: number; endsAt: number } | null;
  /** discount: percent off the next term's uplifted amount. */
  percent?: number;
  amount?: { before: number; after: number; currency: string } | null;
  /** extension, upgrade_trial: days granted; twelve_plus_one: the calendar month in days. */
  days?: number;
  /** extension: access after the grant; twelve_plus_one: access at the end of the renewed term plus a month. */
  accessEndsAtAfter?: number | null;
  /** bonus_seats */
  seats?: number;
  licensedNext?: number;
  /** upgrade_trial: the feature key and when the trial ends. */
  feature?: string;
  /** upgrade_trial: the vendor's display names for the feature per locale (settings eventLabels), if any. */
  featureLabels?: Record<string, string> | null;
  until?: number;
}

export interface OfferView {
  id: string;
  kind: OfferKind;
  reason: string;
  status: "shown" | "accepted" | "declined";
  facts: OfferFacts;
  shownAt: number;
  decidedAt: number | null;
}
