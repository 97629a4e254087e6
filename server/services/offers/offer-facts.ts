import { nextTermDates, upliftAmount } from "../../../shared/entitlement/renewal-term.ts";
import { contractEndsAt } from "../../../shared/entitlement/compute.ts";
import { nextTermProblem } from "../../../shared/entitlement/term-limits.ts";
import { addDays, addMonths, daysBetween, parseCalendarDate, plusCalendarDays } from "../../../shared/time/local-day.ts";
import type { OfferFacts } from "../../../shared/offers/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { TermRow } from "../contracts/current-term.ts";
import type { DeclineOffer } from "../tenants/settings.ts";

/** The next term's dates as instants (start at the old end, end after its inclusive last day). */
function nextTerm(term: TermRow, zone: string): { startDate: string; endDate: string; startsAt: number; endsAt: number } | null {
  if (nextTermProblem(term)) return null;
  const next = nextTermDates(term);
  return { ...next, startsAt: term.contractEndsAt, endsAt: contractEndsAt(next.endDate, zone) };
}

/** Calendar days from the day after `endDate` to the same day a month later ("+1 month", clamped to month ends). */
export function oneMonthDays(endDate: string): number {
  const after = addDays(parseCalendarDate(endDate)!, 1);
  return daysBetween(after, addMonths(after, 1));
}

/** The next term's price after its uplift and an accepted discount, in minor units. */
export function discounted(value: number, percent: number): number {
  return Math.round((value * (100 - percent)) / 100);
}

/**
 * What an offer means for this account, in exact dates and amounts, for the widget to show
 * before the user accepts (and for the record afterwards).
 */
export function offerFacts(input: {
  offer: DeclineOffer;
  account: AccountRow;
  term: TermRow;
  accessEndsAt: number;
  now: number;
  labels?: Record<string, Record<string, string>>;
}): OfferFacts {
  const { offer, account, term, now } = input;
  const zone = account.timezone;
  const next = nextTerm(term, zone);
  const base = { kind: offer.kind, timezone: zone, contractEndsAt: term.contractEndsAt, accessEndsAt: input.accessEndsAt, nextTerm: next };
  switch (offer.kind) {
    case "discount": {
      const before = term.amountValue == null || !term.amountCurrency ? null : upliftAmount(term.amountValue, term.upliftPercent);
      const amount = before == null ? null : { before, after: discounted(before, offer.percent), currency: term.amountCurrency! };
      return { ...base, percent: offer.percent, amount };
    }
    case "extension":
      // Access moves from its current end; the contract end stays.
      return { ...base, days: offer.days, accessEndsAtAfter: plusCalendarDays(Math.max(input.accessEndsAt, now), offer.days, zone) };
    case "bonus_seats":
      return { ...base, seats: offer.seats, licensedNext: term.seats + offer.seats };
    case "twelve_plus_one": {
      const days = next ? oneMonthDays(next.endDate) : 0;
      return { ...base, days, accessEndsAtAfter: next ? plusCalendarDays(next.endsAt, days, zone) : null };
    }
    case "upgrade_trial":
      return {
        ...base,
        feature: offer.feature,
        featureLabels: input.labels?.[offer.feature] ?? null,
        days: offer.days,
        until: plusCalendarDays(now, offer.days, zone),
      };
  }
}
