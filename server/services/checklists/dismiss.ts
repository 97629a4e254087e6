import type { Db } from "../../db/client.ts";
import { checklistDismissals } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { WidgetIdentity } from "../widget/authenticate.ts";
import { recordChange } from "../tenants/changes.ts";
import { listChecklists } from "./list-checklists.ts";

/** "Dismissed for good" is a snooze to the end of representable time. */
export const DISMISSED_FOREVER = 8_640_000_000_000_000;

/**
 * A user hides a checklist until an instant (snooze) or for good (`until` null). A past
 * instant shows it again. Per user: a colleague still sees it.
 */
export async function dismissChecklist(
  db: Db,
  input: { identity: WidgetIdentity; checklistId: string; until: number | null; now: number },
): Promise<{ checklistId: string; dismissedUntil: number | null }> {
  const { identity, checklistId, now } = input;
  const known = await listChecklists(db, identity.tenant.id);
  if (!known.some((row) => row.key === checklistId)) throw new TenureError("not_found", `no checklist ${checklistId}`);
  const hiddenUntil = input.until ?? DISMISSED_FOREVER;
  await recordChange(db, { tenantId: identity.tenant.id, accountId: identity.account.id }, [
    db
      .insert(checklistDismissals)
      .values({ accountId: identity.account.id, userKey: identity.claims.sub, checklistKey: checklistId, hiddenUntil, updatedAt: now })
      .onConflictDoUpdate({
        target: [checklistDismissals.accountId, checklistDismissals.userKey, checklistDismissals.checklistKey],
        set: { hiddenUntil, updatedAt: now },
      }),
  ]);
  return { checklistId, dismissedUntil: hiddenUntil > now ? hiddenUntil : null };
}
