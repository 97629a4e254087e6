import { and, eq, isNull, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { endUsers, seatAssignments } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import type { UserClaims } from "../../lib/jwt.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { clearSeatAlerts, reportSeatCrossing } from "../seats/seat-alerts.ts";
import { seatRules } from "../seats/seat-policy.ts";
import { recordChange } from "../tenants/changes.ts";

export type EndUserRow = typeof endUsers.$inferSelect;

/** A user as the widget sees it: the row, and whether it holds a seat. */
export interface SeenUser {
  user: EndUserRow;
  seated: boolean;
}

/**
 * Records a verified user against its account and gives it a seat if it has none (again, if
 * it was released) and the seat policy leaves room: `allow` always does (admins then see the
 * overage), `block` up to the licensed seats, `overage` up to licensed + `overageSeats`.
 * The room is checked by the insert itself, so two users racing for the last seat cannot
 * both get it.
 */
export async function recordUser(db: Db, input: { account: AccountRow; claims: UserClaims; now: number }): Promise<SeenUser> {
  const { account, claims, now } = input;
  const accountId = account.id;
  const [user] = await db
    .insert(endUsers)
    .values({
      id: newId("usr"),
      accountId,
      externalId: claims.sub,
      role: claims.role,
      name: claims.name ?? null,
      email: claims.email ?? null,
      firstSeenAt: now,
      lastSeenAt: now,
    })
    .onConflictDoUpdate({
      target: [endUsers.accountId, endUsers.externalId],
      set: {
        role: claims.role,
        name: sql`coalesce(excluded.name, ${endUsers.name})`,
        email: sql`coalesce(excluded.email, ${endUsers.email})`,
        lastSeenAt: now,
      },
    })
    .returning();
  const userId = user!.id;
  const rules = await seatRules(db, accountId, now);
  const limit = rules?.limit ?? null;
  const taken = await db.run(sql`INSERT INTO seat_assignments (id, account_id, user_id, assigned_at, released_at)
    SELECT ${newId("seat")}, ${accountId}, ${userId}, ${now}, NULL
    WHERE ${limit} IS NULL OR (SELECT count(*) FROM seat_assignments WHERE account_id = ${accountId} AND released_at IS NULL) < ${limit}
    ON CONFLICT (account_id, user_id) DO UPDATE SET released_at = NULL, assigned_at = excluded.assigned_at
    WHERE seat_assignments.released_at IS NOT NULL`);
  const [state] = await db.all<{ seated: number; held: number }>(sql`SELECT
    EXISTS (SELECT 1 FROM seat_assignments WHERE account_id = ${accountId} AND user_id = ${userId} AND released_at IS NULL) AS seated,
    (SELECT count(*) FROM seat_assignments WHERE account_id = ${accountId} AND released_at IS NULL) AS held`);
  const seated = Number(state?.seated ?? 0) === 1;
  // A new seat changes `seats.used`: in-memory copies of the account are dropped.
  if (taken.rowsAffected > 0) await recordChange(db, { tenantId: account.tenantId, accountId }, []);
  if (rules && rules.policy !== "allow") {
    const counts = { ...rules, held: Number(state?.held ?? 0) };
    if (!seated) await reportSeatCrossing(db, { account, counts, threshold: "limit", userId: claims.sub, now });
    else if (taken.rowsAffected > 0) {
      if (rules.policy === "overage" && counts.held > rules.licensed)
        await reportSeatCrossing(db, { account, counts, threshold: "licensed", userId: claims.sub, now });
      await clearSeatAlerts(db, accountId, counts);
    }
  }
  return { user: user!, seated };
}

const reads = perDb((db) => ({
  byExternalId: db
    .select({
      user: endUsers,
      // Spelled out: drizzle renders columns in a single-table select unqualified, and inside
      // the subquery those would name the seat's own columns (a user never seen as seated).
      seated:
        sql<number>`exists (select 1 from seat_assignments s where s.account_id = end_users.account_id and s.user_id = end_users.id and s.released_at is null)`.mapWith(
          Number,
        ),
    })
    .from(endUsers)
    .where(and(eq(endUsers.accountId, sql.placeholder("accountId")), eq(endUsers.externalId, sql.placeholder("externalId"))))
    .limit(1)
    .prepare(),
}));

export async function findUser(db: Db, accountId: string, externalId: string): Promise<SeenUser | undefined> {
  const row = await reads(db).byExternalId.get({ accountId, externalId });
  return row ? { user: row.user, seated: row.seated === 1 } : undefined;
}

/**
 * Frees a user's seat (an admin's release, or the vendor's API). The user takes a seat
 * again on their next visit if there is room then. Answers whether a seat was held.
 */
export async function releaseSeat(
  db: Db,
  input: { account: AccountRow; externalId: string; now: number },
): Promise<{ user: EndUserRow; released: boolean } | null> {
  const found = await findUser(db, input.account.id, input.externalId);
  if (!found) return null;
  const released = await db
    .update(seatAssignments)
    .set({ releasedAt: input.now })
    .where(and(eq(seatAssignments.accountId, input.account.id), eq(seatAssignments.userId, found.user.id), isNull(seatAssignments.releasedAt)));
  if (released.rowsAffected > 0) await recordChange(db, { tenantId: input.account.tenantId, accountId: input.account.id }, []);
  const rules = await seatRules(db, input.account.id, input.now);
  if (rules) {
    const [row] = await db.all<{ held: number }>(
      sql`SELECT count(*) AS held FROM seat_assignments WHERE account_id = ${input.account.id} AND released_at IS NULL`,
    );
    await clearSeatAlerts(db, input.account.id, { ...rules, held: Number(row?.held ?? 0) });
  }
  return { user: found.user, released: released.rowsAffected > 0 };
}
