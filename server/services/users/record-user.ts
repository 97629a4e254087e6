import { and, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { endUsers, seatAssignments } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import type { UserClaims } from "../../lib/jwt.ts";
import { touchTenant } from "../tenants/tenant-version.ts";

export type EndUserRow = typeof endUsers.$inferSelect;

/**
 * Records a verified user against its account and gives it a seat if it has none.
 * Seats are assigned even past the licensed count: admins then see the overage.
 */
export async function recordUser(
  db: Db,
  input: { tenantId: string; accountId: string; claims: UserClaims; now: number },
): Promise<EndUserRow> {
  const { tenantId, accountId, claims, now } = input;
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
  const seat = await db
    .insert(seatAssignments)
    .values({ id: newId("seat"), accountId, userId: user!.id, assignedAt: now })
    .onConflictDoNothing({ target: [seatAssignments.accountId, seatAssignments.userId] });
  // A new seat changes `seats.used`: in-memory copies of the account are dropped.
  if (seat.rowsAffected > 0) touchTenant(db, tenantId);
  return user!;
}

const reads = perDb((db) => ({
  byExternalId: db
    .select()
    .from(endUsers)
    .where(and(eq(endUsers.accountId, sql.placeholder("accountId")), eq(endUsers.externalId, sql.placeholder("externalId"))))
    .limit(1)
    .prepare(),
}));

export async function findUser(db: Db, accountId: string, externalId: string): Promise<EndUserRow | undefined> {
  return reads(db).byExternalId.get({ accountId, externalId });
}
