/** Where a term stands in the renewal pipeline. */
export type RenewalStatus = "upcoming" | "pending" | "renewed" | "declined" | "lapsed";
export const RENEWAL_STATUSES: readonly RenewalStatus[] = ["upcoming", "pending", "renewed", "declined", "lapsed"];

export interface TermStanding {
  contractEndsAt: number;
  /** A next term exists. */
  hasSuccessor: boolean;
  /** A renewal of this term is pending. */
  pendingRenewal: boolean;
  /** A customer said "don't renew" for this term. */
  declined: boolean;
}

/**
 * renewed (a next term exists) › pending (a renewal is under way) › declined (the customer
 * said no) › lapsed (ended, nothing of the above) › upcoming (not ended yet).
 */
export function renewalStatus(term: TermStanding, now: number): RenewalStatus {
  if (term.hasSuccessor) return "renewed";
  if (term.pendingRenewal) return "pending";
  if (term.declined) return "declined";
  return term.contractEndsAt <= now ? "lapsed" : "upcoming";
}
