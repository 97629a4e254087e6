import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { remindersSent } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { buildNotice } from "../../../shared/reminders/notice.ts";
import type { InAppNotice, ValueRecap } from "../../../shared/reminders/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import type { TenantSettings } from "../tenants/settings.ts";

/**
 * The in-app notice to show now: the latest in-app milestone the reminder job delivered for
 * the current term, until the contract ends. None for high-touch accounts (their reminders
 * are CSM tasks) or before the first milestone.
 */
export async function currentNotice(
  db: Db,
  input: { account: AccountRow; settings: TenantSettings; recap: ValueRecap; now: number },
): Promise<InAppNotice | null> {
  const { account, settings, recap, now } = input;
  const entitlement = await getEntitlement(db, { account, settings, now }).catch((error: unknown) => {
    if (error instanceof TenureError && error.code === "not_found") return null; // no contract yet
    throw error;
  });
  if (!entitlement || now >= entitlement.contractEndsAt) return null;
  const sent = await db.query.remindersSent.findFirst({
    where: and(
      eq(remindersSent.accountId, account.id),
      eq(remindersSent.termId, entitlement.term.id),
      eq(remindersSent.status, "sent"),
      eq(remindersSent.inApp, true),
    ),
    orderBy: desc(remindersSent.dueAt),
  });
  if (!sent) return null;
  return buildNotice({
    days: sent.days,
    now,
    dueAt: sent.dueAt,
    contractEndsAt: entitlement.contractEndsAt,
    accessEndsAt: entitlement.accessEndsAt,
    timezone: account.timezone,
    productName: settings.productName,
    recap,
  });
}
