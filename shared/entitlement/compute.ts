import { endOfLastDay, parseCalendarDate, plusCalendarDays } from "../time/local-day.ts";
import { nextChangeAt, stateAt } from "./timeline.ts";
import type { EntitlementState, LockMode, Timeline } from "./timeline.ts";

const HOUR = 3_600_000;

/** The current contract term as stored: dates are local calendar dates, last day inclusive. */
export interface ContractTerm {
  startDate: string;
  endDate: string;
  seats: number;
  graceHours: number;
  lockMode: LockMode;
}

/**
 * One row of the grants ledger, as far as entitlement cares. Voided grants count for nothing,
 * nor do zero or negative amounts: a grant only gives, voiding is how one is taken back.
 */
export type Grant =
  | { id: string; type: "seats"; seats: number; createdAt: number; expiresAt: number | null; voidedAt: number | null }
  | { id: string; type: "time"; days: number | null; hours: number | null; createdAt: number; voidedAt: number | null }
  | { id: string; type: "hold"; until: number; createdAt: number; voidedAt: number | null };

export interface EntitlementInput {
  timezone: string;
  contract: ContractTerm;
  grants: readonly Grant[];
  /** Calendar days before `accessEndsAt` in which users are reminded (`expiring`). */
  reminderWindowDays: number;
  seatsUsed: number;
  now: number;
}

export interface Entitlement extends Timeline {
  state: EntitlementState;
  contractEndsAt: number;
  nextChangeAt: number | null;
  lockMode: LockMode;
  timezone: string;
  seats: { purchased: number; bonus: number; licensed: number; used: number };
}

/** When the contract itself ends: the first instant after its inclusive last day, locally. */
export function contractEndsAt(endDate: string, timezone: string): number {
  const date = parseCalendarDate(endDate);
  if (!date) throw new RangeError(`not a calendar date: ${endDate}`);
  return endOfLastDay(date, timezone);
}

/**
 * When access ends. Time grants extend access, in ledger order, each from the later of the
 * current end and the moment it was given (a gift to a lapsed account starts now, not in
 * the past). A pending renewal's hold keeps access at least until its `until`.
 * The contract end never moves: renewals and ARR are planned on it.
 */
export function accessEndsAt(contractEnd: number, grants: readonly Grant[], timezone: string): number {
  let end = contractEnd;
  for (const grant of ledgerOrder(grants)) {
    if (grant.type !== "time") continue;
    const days = Math.max(0, grant.days ?? 0);
    const hours = Math.max(0, grant.hours ?? 0);
    // A grant that gives nothing must not reopen a lapsed account by moving its end to createdAt.
    if (days === 0 && hours === 0) continue;
    const from = Math.max(end, grant.createdAt);
    // Both amounts count when both are set (calendar days first, then absolute hours).
    end = (days > 0 ? plusCalendarDays(from, days, timezone) : from) + hours * HOUR;
  }
  for (const grant of grants) {
    if (grant.type === "hold" && grant.voidedAt == null) end = Math.max(end, grant.until);
  }
  return end;
}

/** Bonus seats in force at `now`: seat grants not voided and not expired. */
export function bonusSeats(grants: readonly Grant[], now: number): number {
  let bonus = 0;
  for (const grant of grants) {
    if (grant.type !== "seats" || grant.voidedAt != null || grant.seats <= 0) continue;
    if (grant.expiresAt != null && grant.expiresAt <= now) continue;
    bonus += grant.seats;
  }
  return bonus;
}

/** The whole answer to "what may this account's users do at `now`, and until when?". */
export function computeEntitlement(input: EntitlementInput): Entitlement {
  const { timezone, contract, grants, now } = input;
  const contractEnd = contractEndsAt(contract.endDate, timezone);
  const accessEnd = accessEndsAt(contractEnd, grants, timezone);
  // Negative settings are clamped so that `expiringFrom ≤ accessEndsAt ≤ graceEndsAt` always
  // holds; otherwise a state could be skipped or come back as time moves forward.
  const timeline: Timeline = {
    expiringFrom: plusCalendarDays(accessEnd, -Math.max(0, input.reminderWindowDays), timezone),
    accessEndsAt: accessEnd,
    graceEndsAt: accessEnd + Math.max(0, contract.graceHours) * HOUR,
  };
  const bonus = bonusSeats(grants, now);
  return {
    ...timeline,
    state: stateAt(timeline, now),
    nextChangeAt: nextChangeAt(timeline, now),
    contractEndsAt: contractEnd,
    lockMode: contract.lockMode,
    timezone,
    seats: { purchased: contract.seats, bonus, licensed: contract.seats + bonus, used: input.seatsUsed },
  };
}

function ledgerOrder(grants: readonly Grant[]): Grant[] {
  return grants.filter((grant) => grant.voidedAt == null).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}
