import { and, count, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { seatAssignments } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { computeEntitlement } from "../../../shared/entitlement/compute.ts";
import type { Entitlement, Grant } from "../../../shared/entitlement/compute.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import type { TermRow } from "../contracts/current-term.ts";
import type { GrantRow } from "../grants/create-grant.ts";
import { listGrants } from "../grants/list-grants.ts";
import type { TenantSettings } from "../tenants/settings.ts";

export interface AccountEntitlement extends Entitlement {
  term: TermRow;
}

/** The account's entitlement at `now`, from its current term, its ledger and its seats in use. */
export async function getEntitlement(
  db: Db,
  input: { account: AccountRow; settings: TenantSettings; now: number },
): Promise<AccountEntitlement> {
  const { account, settings, now } = input;
  const [term, ledger, [seats]] = await Promise.all([
    currentTerm(db, account.id),
    listGrants(db, account.id),
    db
      .select({ used: count() })
      .from(seatAssignments)
      .where(and(eq(seatAssignments.accountId, account.id), isNull(seatAssignments.releasedAt))),
  ]);
  if (!term) throw new TenureError("not_found", `account ${account.externalId} has no contract yet`);
  const entitlement = computeEntitlement({
    timezone: account.timezone,
    contract: {
      startDate: term.startDate,
      endDate: term.endDate,
      seats: term.seats,
      graceHours: term.graceHours ?? settings.defaultGraceHours,
      lockMode: term.lockMode ?? settings.defaultLockMode,
    },
    grants: ledger.flatMap((row) => toDomainGrant(row, term.id)),
    reminderWindowDays: settings.reminderWindowDays,
    seatsUsed: seats?.used ?? 0,
    now,
  });
  return { ...entitlement, term };
}

/** Time grants and holds count for the term they were given in; seat grants until they expire. */
function toDomainGrant(row: GrantRow, termId: string): Grant[] {
  const base = { id: row.id, createdAt: row.createdAt, voidedAt: row.voidedAt };
  if (row.type === "seats") return [{ ...base, type: "seats", seats: row.seats ?? 0, expiresAt: row.expiresAt }];
  if (row.termId !== termId) return [];
  if (row.type === "time") return [{ ...base, type: "time", days: row.days, hours: row.hours }];
  return [{ ...base, type: "hold", until: row.holdUntil ?? 0 }];
}

/** The wire form: instants as `toISOString()` strings. */
export function entitlementView(entitlement: AccountEntitlement, at: number): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    state: entitlement.state,
    at: iso(at),
    contractEndsAt: iso(entitlement.contractEndsAt),
    accessEndsAt: iso(entitlement.accessEndsAt),
    graceEndsAt: iso(entitlement.graceEndsAt),
    expiringFrom: iso(entitlement.expiringFrom),
    nextChangeAt: entitlement.nextChangeAt == null ? null : iso(entitlement.nextChangeAt),
    lockMode: entitlement.lockMode,
    readOnly: entitlement.state === "locked" && entitlement.lockMode === "read_only",
    timezone: entitlement.timezone,
    seats: entitlement.seats,
    term: { id: entitlement.term.id, startDate: entitlement.term.startDate, endDate: entitlement.term.endDate, plan: entitlement.term.plan },
  };
}
