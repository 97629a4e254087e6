import type { Db } from "../server/db/client.ts";
import { addStaff, findStaffByEmail } from "../server/services/staff/members.ts";
import { mintSignInLink } from "../server/services/staff/sign-in-links.ts";

export const DEMO_OWNER = "owner@planboard.example";

/** The demo's staff owner (created once) and a fresh one-time sign-in link for them. */
export async function demoStaffLink(db: Db, input: { tenantId: string; baseUrl: string; now: number }): Promise<string> {
  const staff = await findStaffByEmail(db, input.tenantId, DEMO_OWNER).catch(() =>
    addStaff(db, { tenantId: input.tenantId, email: DEMO_OWNER, role: "owner", now: input.now }),
  );
  return (await mintSignInLink(db, { staff, baseUrl: input.baseUrl, now: input.now })).signInUrl;
}
