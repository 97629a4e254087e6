import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { staffMembers, staffSessions } from "../../db/schema/index.ts";
import type { StaffRow } from "./members.ts";
import { TOKEN_PATTERN, hashToken, newToken } from "./tokens.ts";

/** A session ends after 30 minutes without a request, and 12 hours after sign-in whatever happens. */
export const IDLE_TIMEOUT_MS = 30 * 60_000;
export const ABSOLUTE_TIMEOUT_MS = 12 * 3_600_000;
/** `lastSeenAt` is written at most once a minute: reads stay reads. */
const TOUCH_EVERY_MS = 60_000;

export interface StaffSession {
  id: string;
  csrfToken: string;
  expiresAt: number;
  staff: StaffRow;
}

/** Starts a session; the returned token goes into the cookie and nowhere else. */
export async function createSession(db: Db, input: { staff: StaffRow; now: number }): Promise<{ token: string; session: StaffSession }> {
  const token = newToken();
  const row = {
    id: await hashToken(token),
    staffId: input.staff.id,
    tenantId: input.staff.tenantId,
    csrfToken: newToken(),
    createdAt: input.now,
    lastSeenAt: input.now,
    expiresAt: input.now + ABSOLUTE_TIMEOUT_MS,
  };
  await db.insert(staffSessions).values(row);
  return { token, session: { id: row.id, csrfToken: row.csrfToken, expiresAt: row.expiresAt, staff: input.staff } };
}

/** The live session behind a cookie token, or null (unknown, idle too long, past its end, member removed). */
export async function validateSession(db: Db, input: { token: string; now: number }): Promise<StaffSession | null> {
  if (!TOKEN_PATTERN.test(input.token)) return null;
  const id = await hashToken(input.token);
  const [row] = await db
    .select({ session: staffSessions, staff: staffMembers })
    .from(staffSessions)
    .innerJoin(staffMembers, eq(staffMembers.id, staffSessions.staffId))
    .where(
      and(
        eq(staffSessions.id, id),
        gt(staffSessions.expiresAt, input.now),
        gt(staffSessions.lastSeenAt, input.now - IDLE_TIMEOUT_MS),
        isNull(staffMembers.disabledAt),
      ),
    )
    .limit(1);
  if (!row) return null;
  if (input.now - row.session.lastSeenAt >= TOUCH_EVERY_MS) {
    await db.update(staffSessions).set({ lastSeenAt: input.now }).where(eq(staffSessions.id, id));
  }
  return { id, csrfToken: row.session.csrfToken, expiresAt: row.session.expiresAt, staff: row.staff };
}

export async function endSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(staffSessions).where(eq(staffSessions.id, sessionId));
}

/** Sign-out everywhere: every session of the member, on every device. */
export async function endAllSessions(db: Db, staffId: string): Promise<number> {
  const rows = await db.delete(staffSessions).where(eq(staffSessions.staffId, staffId)).returning({ id: staffSessions.id });
  return rows.length;
}
