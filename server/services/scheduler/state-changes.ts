import { and, asc, eq, lte, notInArray, sql } from "drizzle-orm";
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
import { changedAccounts } from "./due-queue.ts";
import { createRowGuard } from "./row-guard.ts";

const stateGuard = createRowGuard("entitlement-state");
const JOB = "entitlement-state";
const BATCH_SIZE = 200;

/**
 * `entitlement.state_changed` at the exact boundary. (`grant.created` is written with the
 * grant itself: services/grants/create-grant.ts, services/renewals/start-renewal.ts.)
 * Each account's watch row remembers the last announced state and the next boundary
 * (`next_check_at`, indexed); an account is evaluated when that boundary is due, or when its
 * term or ledger changed: every such write bumps the account's row in the change feed, which
 * this job reads past its cursor and turns into "due now". So a tick reads only the due rows
 * and the feed's new entries, never every account. The first look at an account records its
 * state silently. The event's `at` is the boundary crossed (`expiringFrom`, `accessEndsAt`,
 * `graceEndsAt`), or the evaluation time when a change (a renewal, a grant) moved the account
 * rather than the clock.
 */
export const entitlementStateJob: Job = {
  name: JOB,
  async run(db: Db, now: number): Promise<number> {
    const changed = await changedAccounts(db, JOB);
    if (changed.length > 0) {
      const ids = sql.join(
        changed.map((id) => sql`${id}`),
        sql`, `,
      );
      await db.run(sql`INSERT INTO entitlement_watch (account_id, tenant_id, version, next_check_at, checked_at)
        SELECT a.id, a.tenant_id, 0, ${now}, a.created_at FROM accounts a
        WHERE a.id IN (${ids}) AND EXISTS (SELECT 1 FROM contract_terms t WHERE t.account_id = a.id)
        ON CONFLICT (account_id) DO UPDATE SET next_check_at = ${now}`);
    }
    const resting = stateGuard.resting(now);
    const due = await db
      .select({ accountId: entitlementWatch.accountId })
      .from(entitlementWatch)
      .where(and(lte(entitlementWatch.nextCheckAt, now), resting.length > 0 ? notInArray(entitlementWatch.accountId, resting) : undefined))
      .orderBy(asc(entitlementWatch.nextCheckAt))
      .limit(BATCH_SIZE);
    const settings = new Map<string, TenantSettings>();
    let announced = 0;
    for (const { accountId } of due) {
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
  // A row that cannot be evaluated throws: the guard logs it and retries it with backoff.
  const entitlement = await getEntitlement(db, { account, settings, now });
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
