import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { endUsers } from "../../db/schema/index.ts";
import { recordChange } from "../tenants/changes.ts";
import { recordUser } from "../users/record-user.ts";
import type { WidgetIdentity } from "./authenticate.ts";

export interface Preferences {
  bannerDismissedUntil: number | null;
  modalSnoozedUntil: number | null;
}

/** Remembers a user's banner dismissal and modal snooze; fields left out stay as they are. */
export async function savePreferences(db: Db, input: { identity: WidgetIdentity; changes: Partial<Preferences>; now: number }): Promise<Preferences> {
  const { identity, changes, now } = input;
  const { user } = await recordUser(db, { account: identity.account, claims: identity.claims, now });
  const [[saved]] = await recordChange(db, { tenantId: identity.tenant.id, accountId: identity.account.id }, [
    db
      .update(endUsers)
      .set({
        ...(changes.bannerDismissedUntil !== undefined ? { bannerDismissedUntil: changes.bannerDismissedUntil } : {}),
        ...(changes.modalSnoozedUntil !== undefined ? { modalSnoozedUntil: changes.modalSnoozedUntil } : {}),
        lastSeenAt: now,
      })
      .where(eq(endUsers.id, user.id))
      .returning(),
  ]);
  return { bannerDismissedUntil: saved!.bannerDismissedUntil, modalSnoozedUntil: saved!.modalSnoozedUntil };
}
