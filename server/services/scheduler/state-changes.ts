import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, entitlementWatch, tenants } from "../../db/schema/index.ts";
import type { EntitlementState } from "../../../shared/entitlement/timeline.ts";
import { isReadOnly } from "../../../shared/entitlement/timeline.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import type { AccountEntitlement } from "../entitlement/get-entitlement.ts";
import { runBatch } from "../renewals/batch.ts";
import { readSettings } from "../tenants/settings.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { webhookInsertWhen } from "../webhooks/enqueue.ts";
import type { Job } from "./jobs.ts";
import { createRowGuard } from "./row-guard.ts";

const stateGuard = createRowGuard("entitlement-state");

/** Writes that read the clock just before a tick may commit just after it; look back this far. */
const SLACK_MS = 2_000;
const BATCH_SIZE = 200;

/**
 * `entitlement.state_changed` at the exact boundary. (`grant.created` is written with the
 * grant itself: services/grants/create-grant.ts, services/renewals/start-renewal.ts.)
 * Each account's watch row remembers the last announced state and the next boundary; an
 * account is evaluated when that boundary is due or its term or ledger changed since. The
 * first look at an account records its state silently. The event's `at` is the boundary
 * crossed (`expiringFrom`, `accessEndsAt`, `graceEndsAt`), or the evaluation time when a
 * change (a renewal, a grant) moved the account rather than the clock.
 */
export const entitlementStateJob: Job = {
  name: "entitlement-state",
  async run(db: Db, now: number): Promise<number> {
    await db.run(sql`INSERT INTO entitlement_watch (account_id, tenant_id, version, next_check_at, checked_at)
      SELECT a.id, a.tenant_id, 0, 0, a.created_at FROM accounts a
      WHERE NOT EXISTS (SELECT 1 FROM entitlement_watch w WHERE w.account_id = a.id)
        AND EXISTS (SELECT 1 FROM contract_terms t WHERE t.account_id = a.id)
      ON CONFLICT DO NOTHING`);
    const due = await db.all<{ account_id: string }>(sql`SELECT w.account_id FROM entitlement_watch w
      WHERE (w.next_check_at IS NOT NULL AND w.next_check_at <= ${now})
        OR EXISTS (SELECT 1 FROM contract_terms t WHERE t.account_id = w.account_id AND t.updated_at >= w.checked_at - ${SLACK_MS})
        OR EXISTS (SELECT 1 FROM grants g WHERE g.account_id = w.account_id
          AND (g.created_at >= w.checked_at - ${SLACK_MS} OR g.voided_at >= w.checked_at - ${SLACK_MS}))
      LIMIT ${BATCH_SIZE}`);
    const settings = new Map<string, TenantSettings>();
    let announced = 0;
    for (const { account_id: accountId } of due) {
      if (await stateGuard.attempt(accountId, now, () => evaluate(db, accountId, now, settings))) announced++;
    }
    return announced;
  },
};

async function evaluate(db: Db, accountId: string, now: number, cache: Map<string, TenantSettings>): Promise<boolean> {
  const [watch, account] = await Promise.all([
    db.query.entitlementWatch.findFirst({ where: eq(entitlementWatch.accountId, accountId) }),
    db.query.accounts.findFirst({ where: eq(accounts.id, accountId) }),
  ]);
  if (!watch || !account) return false;
  let settings = cache.get(account.tenantId);
  if (!settings) {
    const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, account.tenantId) });
    settings = readSettings(tenant?.settings);
    cache.set(account.tenantId, settings);
  }
  const entitlement = await getEntitlement(db, { account, settings, now }).catch(() => null);
  if (!entitlement) return false;
  const first = watch.version === 0;
  const changed = !first && watch.state !== entitlement.state;
  const version = first || changed ? watch.version + 1 : watch.version;
  await runBatch(db, [
    db
      .update(entitlementWatch)
      .set({ state: entitlement.state, termId: entitlement.term.id, nextCheckAt: entitlement.nextChangeAt, checkedAt: now, version })
      .where(and(eq(entitlementWatch.accountId, accountId), eq(entitlementWatch.version, watch.version))),
    ...(changed
      ? [
          webhookInsertWhen(
            db,
            {
              tenantId: account.tenantId,
              type: "entitlement.state_changed",
              data: stateChange(account.externalId, watch.state, entitlement, boundary(entitlement, watch.checkedAt, now)),
              dedupeKey: `state:${accountId}:${version}`,
              now,
            },
            sql`EXISTS (SELECT 1 FROM entitlement_watch WHERE account_id = ${accountId} AND version = ${version} AND state = ${entitlement.state})`,
          ),
        ]
      : []),
  ]);
  return changed;
}

/** The instant the current state began, if the clock (not a change) brought it about since the last look. */
function boundary(entitlement: AccountEntitlement, lastLook: number, now: number): number {
  const start: Record<EntitlementState, number | null> = {
    active: null,
    expiring: entitlement.expiringFrom,
    grace: entitlement.accessEndsAt,
    locked: entitlement.graceEndsAt,
  };
  const at = start[entitlement.state];
  return at !== null && at > lastLook && at <= now ? at : now;
}

function stateChange(accountId: string, previous: EntitlementState | null, entitlement: AccountEntitlement, at: number): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    accountId,
    previousState: previous,
    state: entitlement.state,
    at: iso(at),
    termId: entitlement.term.id,
    contractEndsAt: iso(entitlement.contractEndsAt),
    accessEndsAt: iso(entitlement.accessEndsAt),
    graceEndsAt: iso(entitlement.graceEndsAt),
    lockMode: entitlement.lockMode,
    readOnly: isReadOnly(entitlement.state, entitlement.lockMode),
  };
}
