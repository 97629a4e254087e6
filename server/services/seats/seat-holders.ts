import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";

export interface SeatHolder {
  userId: string;
  name: string | null;
  role: "admin" | "member";
  lastActiveAt: number;
  assignedAt: number;
}

/** Who holds the account's seats, most recently active first (at most `limit`). */
export async function listSeatHolders(db: Db, accountId: string, limit = 500): Promise<SeatHolder[]> {
  const rows = await db.all<{ external_id: string; name: string | null; role: "admin" | "member"; last_seen_at: number; assigned_at: number }>(sql`
    SELECT u.external_id, u.name, u.role, u.last_seen_at, s.assigned_at FROM seat_assignments s
    JOIN end_users u ON u.id = s.user_id
    WHERE s.account_id = ${accountId} AND s.released_at IS NULL
    ORDER BY u.last_seen_at DESC, u.external_id LIMIT ${limit}`);
  return rows.map((row) => ({
    userId: row.external_id,
    name: row.name,
    role: row.role,
    lastActiveAt: Number(row.last_seen_at),
    assignedAt: Number(row.assigned_at),
  }));
}

export function seatHolderView(holder: SeatHolder): Record<string, unknown> {
  return { ...holder, lastActiveAt: new Date(holder.lastActiveAt).toISOString(), assignedAt: new Date(holder.assignedAt).toISOString() };
}
