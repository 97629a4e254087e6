import { nextTermDates, upliftAmount } from "./renewal-term.ts";

/**
 * Limits that keep every figure computed from a term representable, checked before anything
 * is written: a stored amount the database cannot hand back as a safe integer, or a date
 * past 9999-12-31, would break every later read of the account (and every job that reads it).
 */

/** Annualising a one-day term multiplies its amount by at most this (ARR by calendar length). */
const ANNUALISE_FACTOR = 366;

/** Whether an amount in minor units, and its annualised figure, stay safe integers. */
export function amountProblem(value: number, what: string): string | null {
  if (!Number.isSafeInteger(value) || value < 0) return `${what} must be a whole number of minor units from 0 to ${Number.MAX_SAFE_INTEGER}`;
  if (!Number.isSafeInteger(value * ANNUALISE_FACTOR)) {
    return `${what} ${value} is too large: annualised it would exceed ${Number.MAX_SAFE_INTEGER} minor units`;
  }
  return null;
}

/**
 * What is wrong with a term's money one renewal ahead (the amount with its uplift), or null.
 * @example termMoneyProblem({ amountValue: 9007199254740991, upliftPercent: 1000 }) // → "the next term's amount …"
 */
export function termMoneyProblem(term: { amountValue: number | null; upliftPercent: number | null }): string | null {
  if (term.amountValue == null) return null;
  return (
    amountProblem(term.amountValue, "amount.value") ??
    amountProblem(upliftAmount(term.amountValue, term.upliftPercent), "the next term's amount (uplift applied)")
  );
}

/** What is wrong with renewing a term's dates (the next term ending after 9999-12-31), or null. */
export function nextTermProblem(term: { startDate: string; endDate: string }): string | null {
  let next: { startDate: string; endDate: string };
  try {
    next = nextTermDates(term);
  } catch (error) {
    return error instanceof Error ? error.message : "the next term cannot be computed";
  }
  return /^\d{4}-\d{2}-\d{2}$/.test(next.endDate) && next.endDate <= "9999-12-31"
    ? null
    : `the next term would end after 9999-12-31 (${term.startDate} … ${term.endDate} cannot be renewed)`;
}
