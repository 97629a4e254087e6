import type { Db } from "../../db/client.ts";
import { STAFF_ROLES } from "../../../shared/staff/roles.ts";
import type { StaffRole } from "../../../shared/staff/roles.ts";
import { addStaff, findStaffByEmail } from "./members.ts";
import { mintSignInLink } from "./sign-in-links.ts";

const EMAIL = /^[^\s@]{1,64}@[^\s@]{1,253}$/;

/** `staff add` and `staff link` for the CLI: a JSON-ready answer, or the problem with the arguments. */
export async function staffCommand(
  db: Db,
  input: { command: string; tenant?: string; email?: string; role?: string; baseUrl: string; now: number },
): Promise<Record<string, unknown> | { problem: string }> {
  if (!input.tenant) return { problem: "--tenant is required" };
  if (!input.email || !EMAIL.test(input.email.trim())) return { problem: "--email must be an email address" };
  if (input.command === "add") {
    if (!STAFF_ROLES.includes(input.role as StaffRole)) return { problem: `--role must be one of ${STAFF_ROLES.join(", ")}` };
    const staff = await addStaff(db, { tenantId: input.tenant, email: input.email, role: input.role as StaffRole, now: input.now });
    return {
      tenantId: staff.tenantId,
      staffId: staff.id,
      email: staff.email,
      role: staff.role,
      ...(await mintSignInLink(db, { staff, baseUrl: input.baseUrl, now: input.now })),
    };
  }
  if (input.command === "link") {
    const staff = await findStaffByEmail(db, input.tenant, input.email);
    return {
      tenantId: staff.tenantId,
      staffId: staff.id,
      email: staff.email,
      role: staff.role,
      ...(await mintSignInLink(db, { staff, baseUrl: input.baseUrl, now: input.now })),
    };
  }
  return { problem: `unknown command staff ${input.command}` };
}
