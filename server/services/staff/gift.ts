import { and, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { accessEndsAt, bonusSeats, contractEndsAt } from "../../../shared/entitlement/compute.ts";
import type { Grant } from "../../../shared/entitlement/compute.ts";
import { annualisedAmount, renewalMonth } from "../../../shared/reports/arr.ts";
import type { GiftBody } from "../../../shared/schemas/console.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import { createGrant, grantView, revokeGrant as revokeFeatureGrant } from "../grants/create-grant.ts";
import type { GrantRow } from "../grants/create-grant.ts";
import { listGrants, toDomainGrant } from "../grants/list-grants.ts";
import { announceChange, changeStatements } from "../tenants/changes.ts";
import { auditInsert } from "./audit.ts";
import type { Actor } from "./audit.ts";

export interface GiftPreview {
  contractEndsAt: string;
  renewalMonth: string;
  arr: { currency: string; value: number } | null;
  before: { accessEndsAt: string; licensedSeats: number };
  after: { accessEndsAt: string; licensedSeats: number };
  /** "contract end stays until 31 Dec 2026 23:59 (Asia/Shanghai); access moves to 30 Jan 2027; renewal month and ARR unchanged" */
  sentence: string;
}

function formatLocal(ms: number, zone: string, withTime: boolean): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
  })
    .format(ms)
    .replace(",", "");
}

/**
 * What a gift would change, before it is saved: access and licensed seats before and after,
 * computed with the same functions as the entitlement, and the proof that the contract end,
 * the renewal month and the ARR stay where they are.
 */
export async function previewGift(
  db: Db,
  input: { account: AccountRow; gift: Pick<GiftBody, "type" | "seats" | "days" | "hours">; now: number },
): Promise<GiftPreview> {
  const { account, gift, now } = input;
  const term = await currentTerm(db, account.id);
  if (!term) throw new TenureError("conflict", "the account has no contract to gift against");
  const ledger = (await listGrants(db, account.id)).flatMap((row) => toDomainGrant(row, term.id));
  const hypothetical: Grant =
    gift.type === "seats"
      ? { id: "preview", type: "seats", seats: gift.seats ?? 0, createdAt: now, expiresAt: null, voidedAt: null }
      : { id: "preview", type: "time", days: gift.days ?? null, hours: gift.hours ?? null, createdAt: now, voidedAt: null };
  const contractEnd = contractEndsAt(term.endDate, account.timezone);
  const beforeAccess = accessEndsAt(contractEnd, ledger, account.timezone);
  const afterAccess = accessEndsAt(contractEnd, [...ledger, hypothetical], account.timezone);
  const before = { accessEndsAt: new Date(beforeAccess).toISOString(), licensedSeats: term.seats + bonusSeats(ledger, now) };
  const after = { accessEndsAt: new Date(afterAccess).toISOString(), licensedSeats: term.seats + bonusSeats([...ledger, hypothetical], now) };
  const zone = account.timezone;
  // The last minute of the contract, as the widget shows it ("until 31 Dec 2026 23:59").
  const contractText = `contract end stays until ${formatLocal(contractEnd - 60_000, zone, true)} (${zone})`;
  const change =
    gift.type === "time"
      ? `access moves to ${formatLocal(afterAccess - 1, zone, false)}`
      : `licensed seats go from ${before.licensedSeats} to ${after.licensedSeats}; access stays until ${formatLocal(beforeAccess - 1, zone, false)}`;
  return {
    contractEndsAt: new Date(contractEnd).toISOString(),
    renewalMonth: renewalMonth({ contractEndsAt: contractEnd, timezone: zone }),
    arr: annualisedAmount(term),
    before,
    after,
    sentence: `${contractText}; ${change}; renewal month and ARR unchanged`,
  };
}

/** Writes the gift to the ledger with its audit row (before and after) in one batch. */
export async function giveGift(
  db: Db,
  input: { account: AccountRow; gift: GiftBody; actor: Actor; now: number },
): Promise<{ grant: Record<string, unknown>; preview: GiftPreview }> {
  const { account, gift, actor, now } = input;
  const preview = await previewGift(db, { account, gift, now });
  const body =
    gift.type === "seats"
      ? { type: "seats" as const, seats: gift.seats!, reason: gift.reason }
      : { type: "time" as const, ...(gift.days ? { days: gift.days } : { hours: gift.hours! }), reason: gift.reason };
  const row = await createGrant(db, {
    account,
    body,
    createdBy: `staff:${actor.email}`,
    now,
    alsoWrite: (grant) => [
      auditInsert(
        db,
        actor,
        { action: "grant.create", target: `account:${account.externalId}`, before: preview.before, after: { ...preview.after, grant: grantView(grant) } },
        now,
      ),
    ],
  });
  return { grant: grantView(row), preview };
}

/** Revokes a seat or time gift: the row is voided (the ledger keeps it) and the change audited. */
export async function revokeGrant(
  db: Db,
  input: { account: AccountRow; grantId: string; reason: string; actor: Actor; now: number },
): Promise<Record<string, unknown>> {
  const { account, actor, now } = input;
  const existing = await db.query.grants.findFirst({ where: and(eq(grants.id, input.grantId), eq(grants.accountId, account.id)) });
  if (!existing) throw new TenureError("not_found", "no such grant on this account");
  if (existing.type === "hold") throw new TenureError("conflict", "a renewal hold ends with its renewal; it cannot be revoked");
  if (existing.type === "revoke") throw new TenureError("conflict", "a revoke row cannot itself be revoked");
  if (existing.type === "feature") {
    // Feature grants are taken back with a revoke row of their own (the ledger's rule for them).
    const row = await revokeFeatureGrant(db, {
      account,
      grantId: existing.id,
      reason: input.reason,
      createdBy: `staff:${actor.email}`,
      now,
      alsoWrite: (revoke) => [
        auditInsert(db, actor, { action: "grant.revoke", target: `account:${account.externalId}`, before: grantView(existing), after: grantView(revoke) }, now),
      ],
    });
    return grantView(row);
  }
  if (existing.voidedAt != null) throw new TenureError("conflict", "the grant is already revoked");
  const [updated] = await db.batch([
    db
      .update(grants)
      .set({ voidedAt: now })
      .where(and(eq(grants.id, existing.id), isNull(grants.voidedAt), inArray(grants.type, ["seats", "time"])))
      .returning(),
    auditInsert(
      db,
      actor,
      {
        action: "grant.revoke",
        target: `account:${account.externalId}`,
        before: grantView(existing),
        after: { ...grantView({ ...existing, voidedAt: now }), reason: input.reason },
      },
      now,
    ),
    ...changeStatements(db, { tenantId: account.tenantId, accountId: account.id }),
  ]);
  if (updated.length === 0) throw new TenureError("conflict", "the grant is already revoked");
  announceChange(db, { tenantId: account.tenantId, accountId: account.id });
  return grantView(updated[0] as GrantRow);
}
