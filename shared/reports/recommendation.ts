/** What a CSM should gift, and why. */
export type Recommendation =
  | { kind: "seats"; reason: string; seats: number }
  | { kind: "time"; reason: string; days: number }
  | { kind: "none"; reason: string };

export interface RecommendationInput {
  /** Users active in the last 30 days. */
  activeUsers: number;
  /** Purchased + bonus seats in force. */
  licensedSeats: number;
  stage: string | null;
  firstValueReached: boolean;
  hasContract: boolean;
}

/** Utilisation at or above which seats are recommended. */
export const SEAT_CAP_SHARE = 0.9;
/** Bonus seats aim to bring utilisation back to this share. */
const TARGET_SHARE = 0.8;
/** Days of time offered to a trial or POC that has not reached first value. */
export const TRIAL_EXTENSION_DAYS = 14;

const TRIAL_STAGES = new Set(["trial", "poc"]);

/**
 * Seats when active users are ≥ 90 % of licensed seats (enough to bring use back to 80 %);
 * time when the account is in a trial or POC and has not reached first value; none otherwise.
 */
export function recommendGift(input: RecommendationInput): Recommendation {
  if (!input.hasContract) return { kind: "none", reason: "The account has no contract yet, so there is nothing to gift against." };
  const { activeUsers, licensedSeats } = input;
  if (licensedSeats > 0 && activeUsers >= SEAT_CAP_SHARE * licensedSeats) {
    const seats = Math.max(1, Math.ceil(activeUsers / TARGET_SHARE) - licensedSeats);
    const share = Math.round((activeUsers / licensedSeats) * 100);
    return {
      kind: "seats",
      seats,
      reason: `${activeUsers} of ${licensedSeats} licensed seats were active in the last 30 days (${share} %), at the seat cap: ${seats} bonus seats let the team keep growing without touching the contract.`,
    };
  }
  const stage = input.stage?.trim().toLowerCase() ?? "";
  if (TRIAL_STAGES.has(stage) && !input.firstValueReached) {
    return {
      kind: "time",
      days: TRIAL_EXTENSION_DAYS,
      reason: `The account is still in its ${stage === "poc" ? "POC" : "trial"} and has not reached first value: ${TRIAL_EXTENSION_DAYS} more days of access give it time to activate, and the contract end stays where it is.`,
    };
  }
  const share = licensedSeats > 0 ? Math.round((activeUsers / licensedSeats) * 100) : 0;
  return {
    kind: "none",
    reason: `No gift needed: ${activeUsers} of ${licensedSeats} seats active (${share} %, below the 90 % cap)${TRIAL_STAGES.has(stage) ? " and first value is reached" : ""}.`,
  };
}
