import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { GrantCreateBody } from "../../../shared/schemas/accounts.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import { recordChange } from "../tenants/changes.ts";
import { webhookInsert } from "../webhooks/enqueue.ts";
import { listGrants } from "./list-grants.ts";

export type GrantRow = typeof grants.$inferSelect;

/**
 * Adds a seat, time or feature grant to the ledger. Time grants belong to the current term
 * (they extend its access, never its contract end); seat and feature grants stay until their
 * own expiry (a feature grant also until it is revoked).
 */
export async function createGrant(
  db: Db,
  input: { account: AccountRow; body: GrantCreateBody; createdBy: string; now: number; alsoWrite?: (row: GrantRow) => BatchItem<"sqlite">[] },
): Promise<GrantRow> {
  const { account, body, now } = input;
  const term = await currentTerm(db, account.id);
  if (!term) throw new TenureError("conflict", "the account has no contract to grant against; PUT its contract first");
  const expiresAt = body.type !== "time" && body.expiresAt ? Date.parse(body.expiresAt) : null;
  if (expiresAt != null && expiresAt <= now) throw new TenureError("validation_failed", "expiresAt must be in the future");
  const row: GrantRow = {
    id: newId("grt"),
    accountId: account.id,
    termId: term.id,
    type: body.type,
    seats: body.type === "seats" ? body.seats : null,
    days: body.type === "time" ? (body.days ?? null) : null,
    hours: body.type === "time" ? (body.hours ?? null) : null,
    holdUntil: null,
    feature: body.type === "feature" ? body.feature : null,
    enabled: body.type === "feature" ? (body.enabled ?? null) : null,
    featureLimit: body.type === "feature" ? (body.limit ?? null) : null,
    revokes: null,
    expiresAt,
    reason: body.reason,
    createdBy: input.createdBy,
    createdAt: now,
    voidedAt: null,
  };
  await writeGrant(db, account, row, now, input.alsoWrite?.(row) ?? []);
  return row;
}

/**
 * Takes a feature grant back with a `revoke` row of its own: the ledger keeps both, and the
 * grant stops counting from now. Revoking twice, or a grant of another kind, is refused.
 */
export async function revokeGrant(
  db: Db,
  input: { account: AccountRow; grantId: string; reason: string; createdBy: string; now: number; alsoWrite?: (row: GrantRow) => BatchItem<"sqlite">[] },
): Promise<GrantRow> {
  const { account, grantId, now } = input;
  const ledger = await listGrants(db, account.id);
  const target = ledger.find((row) => row.id === grantId);
  if (!target) throw new TenureError("not_found", `no grant ${grantId} for account ${account.externalId}`);
  if (target.type !== "feature") throw new TenureError("conflict", `only feature grants are revoked; ${grantId} is a ${target.type} grant`);
  if (ledger.some((row) => row.type === "revoke" && row.revokes === grantId)) throw new TenureError("conflict", `grant ${grantId} is already revoked`);
  const row: GrantRow = {
    id: newId("grt"),
    accountId: account.id,
    termId: target.termId,
    type: "revoke",
    seats: null,
    days: null,
    hours: null,
    holdUntil: null,
    feature: target.feature,
    enabled: null,
    featureLimit: null,
    revokes: grantId,
    expiresAt: null,
    reason: input.reason,
    createdBy: input.createdBy,
    createdAt: now,
    voidedAt: null,
  };
  await writeGrant(db, account, row, now, input.alsoWrite?.(row) ?? []);
  return row;
}

async function writeGrant(db: Db, account: AccountRow, row: GrantRow, now: number, alsoWrite: BatchItem<"sqlite">[]): Promise<void> {
  // The ledger row and its `grant.created` event commit together (the scheduler's copy is then a no-op).
  await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
    db.insert(grants).values(row),
    webhookInsert(db, {
      tenantId: account.tenantId,
      type: "grant.created",
      data: { accountId: account.externalId, grant: grantView(row) },
      dedupeKey: `grant:${row.id}`,
      now,
    }),
    // What the caller records with it (the console's audit row) commits in the same batch.
    ...alsoWrite,
  ]);
}

/** The wire form of a ledger row. */
export function grantView(grant: GrantRow): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
  return {
    id: grant.id,
    type: grant.type,
    ...(grant.type === "seats" ? { seats: grant.seats, expiresAt: iso(grant.expiresAt) } : {}),
    ...(grant.type === "time" ? (grant.days != null ? { days: grant.days } : { hours: grant.hours }) : {}),
    ...(grant.type === "hold" ? { until: iso(grant.holdUntil) } : {}),
    ...(grant.type === "feature"
      ? {
          feature: grant.feature,
          ...(grant.featureLimit != null ? { limit: grant.featureLimit } : { enabled: grant.enabled }),
          expiresAt: iso(grant.expiresAt),
        }
      : {}),
    ...(grant.type === "revoke" ? { feature: grant.feature, revokes: grant.revokes } : {}),
    reason: grant.reason,
    createdBy: grant.createdBy,
    createdAt: iso(grant.createdAt),
    voidedAt: iso(grant.voidedAt),
  };
}
