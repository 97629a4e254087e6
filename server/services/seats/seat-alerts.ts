import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { seatAlerts } from "../../db/schema/index.ts";
import type { SeatPolicy } from "../../../shared/features/seats.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { webhookInsertWhen } from "../webhooks/enqueue.ts";

export interface SeatCounts {
  policy: SeatPolicy;
  licensed: number;
  /** Seats that may be held; null under `allow`. */
  limit: number | null;
  /** Seats held now, after the change being reported. */
  held: number;
}

type Threshold = "licensed" | "limit";

/**
 * `seats.limit_reached`, once per crossing. A threshold is crossed when a user is refused
 * a seat (`limit`, under `block` or `overage`) or is seated past the licensed seats
 * (`licensed`, under `overage`: the overage is flagged). The alert row and its webhook are
 * written in one batch, only if the row is new; seats falling back below clear the row so
 * the next crossing reports again.
 */
export async function reportSeatCrossing(
  db: Db,
  input: { account: AccountRow; counts: SeatCounts; threshold: Threshold; userId: string; now: number },
): Promise<void> {
  const { account, counts, threshold, now } = input;
  const data = {
    accountId: account.externalId,
    policy: counts.policy,
    licensed: counts.licensed,
    limit: counts.limit,
    used: counts.held,
    overage: threshold === "licensed" || counts.held > counts.licensed,
    ...(threshold === "limit" ? { refusedUserId: input.userId } : { seatedUserId: input.userId }),
  };
  await db.batch([
    db.insert(seatAlerts).values({ accountId: account.id, threshold, reachedAt: now }).onConflictDoNothing(),
    webhookInsertWhen(
      db,
      { tenantId: account.tenantId, type: "seats.limit_reached", data, dedupeKey: `seats:${account.id}:${threshold}:${now}`, now },
      sql`EXISTS (SELECT 1 FROM seat_alerts WHERE account_id = ${account.id} AND threshold = ${threshold} AND reached_at = ${now})`,
    ),
  ]);
}

/** Seats have room again below a threshold: its next crossing is reported. */
export async function clearSeatAlerts(db: Db, accountId: string, counts: SeatCounts): Promise<void> {
  const cleared: Threshold[] = [];
  if (counts.limit !== null && counts.held < counts.limit) cleared.push("limit");
  if (counts.held <= counts.licensed) cleared.push("licensed");
  if (cleared.length === 0) return;
  await db.delete(seatAlerts).where(and(eq(seatAlerts.accountId, accountId), inArray(seatAlerts.threshold, cleared)));
}
