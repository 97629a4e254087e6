import { and, eq, inArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { checklists } from "../../db/schema/index.ts";

export type ChecklistRow = typeof checklists.$inferSelect;

/** The latest version of each of the tenant's checklists, by id. */
export async function listChecklists(db: Db, tenantId: string): Promise<ChecklistRow[]> {
  return db
    .select()
    .from(checklists)
    .where(
      and(
        eq(checklists.tenantId, tenantId),
        sql`${checklists.version} = (SELECT max(c2.version) FROM checklists c2 WHERE c2.tenant_id = ${checklists.tenantId} AND c2.key = ${checklists.key})`,
      ),
    )
    .orderBy(checklists.key);
}

/** Specific versions, by (key, version). */
export async function checklistVersions(db: Db, tenantId: string, wanted: ReadonlyArray<{ key: string; version: number }>): Promise<ChecklistRow[]> {
  if (wanted.length === 0) return [];
  const rows = await db
    .select()
    .from(checklists)
    .where(
      and(
        eq(checklists.tenantId, tenantId),
        inArray(
          checklists.key,
          wanted.map((w) => w.key),
        ),
      ),
    );
  return rows.filter((row) => wanted.some((w) => w.key === row.key && w.version === row.version));
}
