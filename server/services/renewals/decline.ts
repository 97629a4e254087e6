import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { offers, renewalDeclines } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { DeclineReason } from "../../../shared/schemas/renewals.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import { webhookInsert } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";

export type DeclineRow = typeof renewalDeclines.$inferSelect;

/**
 * "Not now" / "don't renew": stores the reason, hands the account to recovery and tells the
 * vendor (`renewal.declined`, once per term). One answer per person and term — their first
 * stands and a second is a no-op — so the widget does not ask that person again; other admins
 * still see the banner, with who declined, and can still renew.
 */
export async function declineRenewal(
  db: Db,
  input: { tenantId: string; account: AccountRow; userId: string; reason: DeclineReason; detail: string | null; now: number; offerId?: string },
): Promise<{ decline: DeclineRow; created: boolean }> {
  const { account, now } = input;
  const term = await currentTerm(db, account.id);
  if (!term) throw new TenureError("conflict", `account ${account.externalId} has no contract`);
  const id = newId("dcl");
  await recordChange(db, { tenantId: input.tenantId, accountId: account.id }, [
    db
      .insert(renewalDeclines)
      .values({
        id,
        tenantId: input.tenantId,
        accountId: account.id,
        termId: term.id,
        reason: input.reason,
        detail: input.detail,
        userId: input.userId,
        recoveryStatus: "open",
        createdAt: now,
      })
      .onConflictDoNothing({ target: [renewalDeclines.accountId, renewalDeclines.termId, renewalDeclines.userId] }),
    webhookInsert(db, {
      tenantId: input.tenantId,
      type: "renewal.declined",
      data: {
        accountId: account.externalId,
        termId: term.id,
        contractEndDate: term.endDate,
        reason: input.reason,
        detail: input.detail,
        userId: input.userId,
        recovery: true,
        ...(input.offerId ? { offerId: input.offerId } : {}),
      },
      dedupeKey: `renewal.declined:${term.id}`,
      now,
    }),
    // An offer shown for the reason and turned down is recorded with the decline.
    ...(input.offerId
      ? [
          db
            .update(offers)
            .set({ status: "declined", decidedBy: input.userId, decidedAt: now })
            .where(and(eq(offers.id, input.offerId), eq(offers.accountId, account.id), eq(offers.status, "shown"))),
        ]
      : []),
  ]);
  const decline = (await db.query.renewalDeclines.findFirst({
    where: and(eq(renewalDeclines.accountId, account.id), eq(renewalDeclines.termId, term.id), eq(renewalDeclines.userId, input.userId)),
  }))!;
  return { decline, created: decline.id === id };
}

export function declineView(row: DeclineRow): Record<string, unknown> {
  return {
    id: row.id,
    termId: row.termId,
    reason: row.reason,
    detail: row.detail,
    userId: row.userId,
    recoveryStatus: row.recoveryStatus,
    at: new Date(row.createdAt).toISOString(),
  };
}
