import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { staffMembers, staffSessions, tenants } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { StaffRole } from "../../../shared/staff/roles.ts";

export type StaffRow = typeof staffMembers.$inferSelect;

/** Emails compare case-insensitively: stored lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Adds a staff member to a tenant; an email already there is a conflict (use a new link instead). */
export async function addStaff(db: Db, input: { tenantId: string; email: string; role: StaffRole; now: number }): Promise<StaffRow> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const email = normalizeEmail(input.email);
  const existing = await db.query.staffMembers.findFirst({ where: and(eq(staffMembers.tenantId, input.tenantId), eq(staffMembers.email, email)) });
  if (existing && existing.disabledAt == null)
    throw new TenureError("conflict", `${email} is already staff of this tenant; ask for a new sign-in link instead`);
  if (existing) {
    // A removed member comes back with the new role; their old sessions are long gone.
    const [row] = await db
      .update(staffMembers)
      .set({ role: input.role, disabledAt: null, updatedAt: input.now })
      .where(eq(staffMembers.id, existing.id))
      .returning();
    return row!;
  }
  const [row] = await db
    .insert(staffMembers)
    .values({
      id: newId("stf"),
      tenantId: input.tenantId,
      email,
      role: input.role,
      passwordHash: null,
      createdAt: input.now,
      updatedAt: input.now,
      disabledAt: null,
    })
    .returning();
  return row!;
}

/** An active staff member of the tenant by email, or a 404. */
export async function findStaffByEmail(db: Db, tenantId: string, email: string): Promise<StaffRow> {
  const row = await db.query.staffMembers.findFirst({
    where: and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.email, normalizeEmail(email)), isNull(staffMembers.disabledAt)),
  });
  if (!row) throw new TenureError("not_found", `no staff member ${normalizeEmail(email)} in this tenant`);
  return row;
}

export async function findStaffById(db: Db, tenantId: string, id: string): Promise<StaffRow> {
  const row = await db.query.staffMembers.findFirst({ where: and(eq(staffMembers.tenantId, tenantId), eq(staffMembers.id, id)) });
  if (!row) throw new TenureError("not_found", "no such staff member");
  return row;
}

export async function listStaff(db: Db, tenantId: string): Promise<StaffRow[]> {
  return db.query.staffMembers.findMany({ where: eq(staffMembers.tenantId, tenantId), orderBy: staffMembers.email });
}

/** Changes a role or removes a member; either ends every session of theirs at once. */
export async function updateStaff(db: Db, input: { staff: StaffRow; role?: StaffRole; disable?: true; now: number }): Promise<StaffRow> {
  const [row] = await db.batch([
    db
      .update(staffMembers)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.disable ? { disabledAt: input.now } : {}), updatedAt: input.now })
      .where(eq(staffMembers.id, input.staff.id))
      .returning(),
    db.delete(staffSessions).where(eq(staffSessions.staffId, input.staff.id)),
  ]);
  return row[0]!;
}

export async function setPassword(db: Db, input: { staffId: string; passwordHash: string; now: number }): Promise<void> {
  await db.update(staffMembers).set({ passwordHash: input.passwordHash, updatedAt: input.now }).where(eq(staffMembers.id, input.staffId));
}

export function staffView(row: StaffRow): Record<string, unknown> {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    hasPassword: row.passwordHash !== null,
    createdAt: new Date(row.createdAt).toISOString(),
    disabledAt: row.disabledAt == null ? null : new Date(row.disabledAt).toISOString(),
  };
}
