import { and, desc, eq, lt } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { auditLog } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";

/** Who did it: the signed-in member, and the request it came in on. */
export interface Actor {
  tenantId: string;
  staffId: string;
  email: string;
  requestId: string;
}

export interface AuditEntry {
  action: string;
  target: string;
  before?: unknown;
  after?: unknown;
}

/** The insert of one audit row, to run in the same batch as the change it records. */
export function auditInsert(db: Db, actor: Actor, entry: AuditEntry, now: number) {
  return db.insert(auditLog).values({
    id: newId("aud"),
    tenantId: actor.tenantId,
    actorId: actor.staffId,
    actorEmail: actor.email,
    action: entry.action,
    target: entry.target,
    before: entry.before ?? null,
    after: entry.after ?? null,
    requestId: actor.requestId,
    at: now,
  });
}

export async function writeAudit(db: Db, actor: Actor, entry: AuditEntry, now: number): Promise<void> {
  await auditInsert(db, actor, entry, now);
}

/** Newest first, `limit` at a time; `before` pages back. */
export async function listAudit(
  db: Db,
  input: { tenantId: string; target?: string; before?: number; limit: number },
): Promise<Array<typeof auditLog.$inferSelect>> {
  const where = [eq(auditLog.tenantId, input.tenantId)];
  if (input.target) where.push(eq(auditLog.target, input.target));
  if (input.before) where.push(lt(auditLog.at, input.before));
  return db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.at))
    .limit(input.limit);
}

export function auditView(row: typeof auditLog.$inferSelect): Record<string, unknown> {
  return {
    id: row.id,
    actor: row.actorEmail,
    action: row.action,
    target: row.target,
    before: row.before,
    after: row.after,
    at: new Date(row.at).toISOString(),
    requestId: row.requestId,
  };
}
