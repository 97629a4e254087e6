import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { checklists } from "../../db/schema/index.ts";
import { newId, sha256Hex } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { firstValueStep } from "../../../shared/checklists/rules.ts";
import type { ChecklistDefinition } from "../../../shared/checklists/rules.ts";
import { recordChange } from "../tenants/changes.ts";
import { listChecklists } from "./list-checklists.ts";
import type { ChecklistRow } from "./list-checklists.ts";

/** JSON with object keys sorted, so the same content always hashes the same. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * Stores a checklist definition. Unchanged content keeps the current version; changed content
 * becomes the next version, and accounts already started keep the version they started with.
 * Only one checklist of a tenant may hold the first-value step (409 otherwise).
 */
export async function putChecklist(
  db: Db,
  input: { tenantId: string; key: string; definition: ChecklistDefinition; now: number },
): Promise<{ row: ChecklistRow; created: boolean }> {
  const { tenantId, key, definition, now } = input;
  const contentHash = await sha256Hex(canonicalJson(definition));
  const latest = await db.query.checklists.findFirst({
    where: and(eq(checklists.tenantId, tenantId), eq(checklists.key, key)),
    orderBy: desc(checklists.version),
  });
  if (latest?.contentHash === contentHash) return { row: latest, created: false };
  if (firstValueStep(definition)) {
    const holder = (await listChecklists(db, tenantId)).find((row) => row.key !== key && firstValueStep(row.definition));
    if (holder) throw new TenureError("conflict", `checklist ${holder.key} already has the first-value step; remove it there first`);
  }
  const [[row]] = await recordChange(db, { tenantId }, [
    db
      .insert(checklists)
      .values({ id: newId("chk"), tenantId, key, version: (latest?.version ?? 0) + 1, definition, contentHash, createdAt: now })
      .onConflictDoNothing()
      .returning(),
  ]);
  if (!row) throw new TenureError("conflict", `checklist ${key} was changed at the same moment; send it again`);
  return { row, created: true };
}

/** The wire form of a checklist version. */
export function checklistView(row: ChecklistRow): Record<string, unknown> {
  return { id: row.key, version: row.version, ...row.definition, createdAt: new Date(row.createdAt).toISOString() };
}
