import { and, eq, lte, notInArray, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, grants, renewals } from "../../db/schema/index.ts";
import type { Job } from "../scheduler/jobs.ts";
import { createRowGuard } from "../scheduler/row-guard.ts";
import { webhookInsertWhen } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";
import type { RenewalRow } from "./view.ts";

/**
 * Ends a pending renewal without payment (`expired`, or `failed` with a reason) and voids its
 * hold, so access falls back to what the ledger gives. Conditional on the renewal still being
 * pending: a renewal completed meanwhile stays completed, and the event is stored only by the
 * call that ended it.
 */
export async function endRenewal(
  db: Db,
  input: { renewal: RenewalRow; status: "expired" | "failed"; reason: string | null; now: number },
): Promise<RenewalRow> {
  const { renewal, status, now } = input;
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, renewal.accountId) });
  const ended = sql`EXISTS (SELECT 1 FROM renewals WHERE id = ${renewal.id} AND status = ${status} AND ended_at = ${now})`;
  await recordChange(db, { tenantId: renewal.tenantId, accountId: renewal.accountId }, [
    db
      .update(renewals)
      .set({ status, openTermId: null, endedAt: now, failureReason: input.reason })
      .where(and(eq(renewals.id, renewal.id), eq(renewals.status, "pending"))),
    ...(renewal.holdGrantId
      ? [db.update(grants).set({ voidedAt: now }).where(sql`${grants.id} = ${renewal.holdGrantId} AND ${grants.voidedAt} IS NULL AND ${ended}`)]
      : []),
    webhookInsertWhen(
      db,
      {
        tenantId: renewal.tenantId,
        type: `renewal.${status}`,
        data: { accountId: account?.externalId ?? null, renewalId: renewal.id, provider: renewal.provider, reason: input.reason },
        dedupeKey: `renewal.${status}:${renewal.id}`,
        now,
      },
      ended,
    ),
  ]);
  return (await db.query.renewals.findFirst({ where: eq(renewals.id, renewal.id) }))!;
}

const expireGuard = createRowGuard("expire-renewals");

/**
 * Expires pending renewals whose time is up (and so lapses their holds). Due ids come first
 * (nothing else is read with them), then each renewal on its own: a row that cannot be read
 * or ended is skipped with backoff and never holds up the others.
 */
export const expireRenewalsJob: Job = {
  name: "expire-renewals",
  async run(db, now) {
    const resting = expireGuard.resting(now);
    const due = await db
      .select({ id: renewals.id })
      .from(renewals)
      .where(and(eq(renewals.status, "pending"), lte(renewals.expiresAt, now), resting.length > 0 ? notInArray(renewals.id, resting) : undefined))
      .limit(200);
    let expired = 0;
    for (const { id } of due) {
      const ended = await expireGuard.attempt(id, now, async () => {
        const renewal = await db.query.renewals.findFirst({ where: eq(renewals.id, id) });
        if (!renewal || renewal.status !== "pending") return false;
        const after = await endRenewal(db, { renewal, status: "expired", reason: "not paid in time", now });
        return after.status === "expired" && after.endedAt === now;
      });
      if (ended) expired++;
    }
    return expired;
  },
};
