import { bonusSeats } from "../../../shared/entitlement/compute.ts";
import type { Db } from "../../db/client.ts";
import { currentTerm } from "../contracts/current-term.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { listGrants, toDomainGrant } from "../grants/list-grants.ts";

/** Seats licensed at `now` (purchased + bonus in force) and the current term; null before any contract. */
export async function licensedSeats(db: Db, accountId: string, now: number): Promise<{ licensed: number; term: TermRow } | null> {
  const [term, ledger] = await Promise.all([currentTerm(db, accountId), listGrants(db, accountId)]);
  if (!term) return null;
  return {
    licensed:
      term.seats +
      bonusSeats(
        ledger.flatMap((row) => toDomainGrant(row, term.id)),
        now,
      ),
    term,
  };
}
