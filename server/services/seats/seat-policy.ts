import type { Db } from "../../db/client.ts";
import { seatLimit } from "../../../shared/features/seats.ts";
import { licensedSeats } from "../usage/licensed-seats.ts";
import type { SeatCounts } from "./seat-alerts.ts";

/** The account's seat policy and limits at `now` (held seats filled in by the caller); null before any contract. */
export async function seatRules(db: Db, accountId: string, now: number): Promise<Omit<SeatCounts, "held"> | null> {
  const found = await licensedSeats(db, accountId, now);
  if (!found) return null;
  const policy = found.term.seatPolicy ?? "allow";
  return { policy, licensed: found.licensed, limit: seatLimit(policy, found.licensed, found.term.overageSeats) };
}
