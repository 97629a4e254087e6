import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { checklistPins } from "../../db/schema/index.ts";
import type { ChecklistDefinition } from "../../../shared/checklists/rules.ts";
import { checklistVersions, listChecklists } from "./list-checklists.ts";
import type { ChecklistRow } from "./list-checklists.ts";

export interface PinnedChecklist {
  key: string;
  version: number;
  definition: ChecklistDefinition;
}

/**
 * The checklists an account sees, each at the version it started with. An account starts a
 * checklist the first time it is evaluated or shown: that pins the then-latest version
 * (insert-or-ignore, so concurrent first evaluations agree on one pin).
 */
export async function pinnedChecklists(db: Db, tenantId: string, accountId: string, now: number, latest?: readonly ChecklistRow[]): Promise<PinnedChecklist[]> {
  return resolveChecklists(db, tenantId, accountId, now, latest ?? (await listChecklists(db, tenantId)));
}

/** The same without pinning anything: pinned versions where they exist, else the latest. */
export async function effectiveChecklists(db: Db, tenantId: string, accountId: string): Promise<PinnedChecklist[]> {
  return resolveChecklists(db, tenantId, accountId, null, await listChecklists(db, tenantId));
}

async function resolveChecklists(
  db: Db,
  tenantId: string,
  accountId: string,
  pinAt: number | null,
  latest: readonly ChecklistRow[],
): Promise<PinnedChecklist[]> {
  if (latest.length === 0) return [];
  const readPins = (): Promise<Array<typeof checklistPins.$inferSelect>> => db.select().from(checklistPins).where(eq(checklistPins.accountId, accountId));
  let pins = await readPins();
  const unpinned = latest.filter((row) => !pins.some((pin) => pin.checklistKey === row.key));
  if (unpinned.length > 0 && pinAt !== null) {
    await db
      .insert(checklistPins)
      .values(unpinned.map((row) => ({ accountId, checklistKey: row.key, version: row.version, pinnedAt: pinAt })))
      .onConflictDoNothing();
    pins = await readPins();
  }
  const latestByKey = new Map(latest.map((row) => [row.key, row]));
  const older = pins.filter((pin) => latestByKey.get(pin.checklistKey)?.version !== pin.version);
  const olderRows = await checklistVersions(
    db,
    tenantId,
    older.map((pin) => ({ key: pin.checklistKey, version: pin.version })),
  );
  return latest.map((row) => {
    const pin = pins.find((p) => p.checklistKey === row.key);
    const chosen = pin && pin.version !== row.version ? olderRows.find((o) => o.key === row.key && o.version === pin.version) : row;
    const used = chosen ?? row;
    return { key: used.key, version: used.version, definition: used.definition };
  });
}
