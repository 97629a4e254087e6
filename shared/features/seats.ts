export type SeatPolicy = "allow" | "block" | "overage";

/** How many seats may be held: none past licensed under `block`, `overageSeats` more under `overage`, no cap under `allow`. */
export function seatLimit(policy: SeatPolicy, licensed: number, overageSeats: number | null): number | null {
  if (policy === "block") return licensed;
  if (policy === "overage") return licensed + Math.max(0, overageSeats ?? 0);
  return null;
}

/** The entitlement's seat policy fields: the cap, and how many seats are held past the licensed ones. */
export function seatPolicyView(
  policy: SeatPolicy,
  seats: { licensed: number; used: number },
  overageSeats: number | null,
): { policy: SeatPolicy; limit: number | null; overage: number } {
  return { policy, limit: seatLimit(policy, seats.licensed, overageSeats), overage: Math.max(0, seats.used - seats.licensed) };
}
