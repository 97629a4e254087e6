import { and, eq, gt, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { staffMembers, staffSignInLinks } from "../../db/schema/index.ts";
import type { StaffRow } from "./members.ts";
import { TOKEN_PATTERN, hashToken, newToken } from "./tokens.ts";

/** A sign-in link works once, within 15 minutes. */
export const SIGN_IN_LINK_TTL_MS = 15 * 60_000;

/** Mints a one-time sign-in link to `/console/sign-in` on `baseUrl`. */
export async function mintSignInLink(db: Db, input: { staff: StaffRow; baseUrl: string; now: number }): Promise<{ signInUrl: string; expiresAt: string }> {
  const token = newToken();
  const expiresAt = input.now + SIGN_IN_LINK_TTL_MS;
  await db.insert(staffSignInLinks).values({ tokenHash: await hashToken(token), staffId: input.staff.id, createdAt: input.now, expiresAt, usedAt: null });
  const url = new URL("/console/sign-in", input.baseUrl);
  url.searchParams.set("token", token);
  return { signInUrl: url.toString(), expiresAt: new Date(expiresAt).toISOString() };
}

/**
 * Uses a link: one conditional update marks it used only if it is unused and unexpired, so
 * two tabs racing for the same link sign in at most once. Returns the member, or null.
 */
export async function consumeSignInLink(db: Db, input: { token: string; now: number }): Promise<StaffRow | null> {
  if (!TOKEN_PATTERN.test(input.token)) return null;
  const [link] = await db
    .update(staffSignInLinks)
    .set({ usedAt: input.now })
    .where(and(eq(staffSignInLinks.tokenHash, await hashToken(input.token)), isNull(staffSignInLinks.usedAt), gt(staffSignInLinks.expiresAt, input.now)))
    .returning();
  if (!link) return null;
  const staff = await db.query.staffMembers.findFirst({ where: and(eq(staffMembers.id, link.staffId), isNull(staffMembers.disabledAt)) });
  return staff ?? null;
}
