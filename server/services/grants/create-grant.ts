import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { GrantCreateBody } from "../../../shared/schemas/accounts.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import { webhookInsert } from "../webhooks/enqueue.ts";

export type GrantRow = typeof grants.$inferSelect;

/**
 * Adds a seat or time grant to the ledger. Time grants belong to the current term (they
 * extend its access, never its contract end); seat grants stay until their own expiry.
 */
export async function createGrant(
  db: Db,
  input: { account: AccountRow; body: GrantCreateBody; createdBy: string; now: number },
): Promise<GrantRow> {
  const { account, body, now } = input;
  const term = await currentTerm(db, account.id);
  if (!term) throw new TenureError("conflict", "the account has no contract to grant against; PUT its contract first");
  const expiresAt = body.type === "seats" && body.expiresAt ? Date.parse(body.expiresAt) : null;
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
    expiresAt,
    reason: body.reason,
    createdBy: input.createdBy,
    createdAt: now,
    voidedAt: null,
  };
  // The ledger row and its `grant.created` event commit together (the scheduler's copy is then a no-op).
  await db.batch([
    db.insert(grants).values(row),
    webhookInsert(db, {
      tenantId: account.tenantId,
      type: "grant.created",
      data: { accountId: account.externalId, grant: grantView(row) },
      dedupeKey: `grant:${row.id}`,
      now,
    }),
  ]);
  return row;
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
    reason: grant.reason,
    createdBy: grant.createdBy,
    createdAt: iso(grant.createdAt),
    voidedAt: iso(grant.voidedAt),
  };
}
