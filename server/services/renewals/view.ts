import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { grants, renewals } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { GrantRow } from "../grants/create-grant.ts";

export type RenewalRow = typeof renewals.$inferSelect;

const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());

/** The amount as it goes on the wire, or null. */
export function money(value: number | null, currency: string | null): { value: number; currency: string } | null {
  return value == null || currency == null ? null : { value, currency };
}

/** What the customer sees on an invoice renewal: the reference to quote, the amount, the due date. */
export function invoiceView(row: RenewalRow): { reference: string; amount: { value: number; currency: string } | null; dueAt: string } | null {
  if (row.provider !== "invoice" || !row.reference) return null;
  return { reference: row.reference, amount: money(row.amountValue, row.amountCurrency), dueAt: iso(row.expiresAt)! };
}

/** The wire form of a renewal. `accountId` is the vendor's id; the hold is shown while in force. */
export function renewalView(row: RenewalRow, input: { accountId: string; hold: GrantRow | null }): Record<string, unknown> {
  const hold = input.hold && input.hold.voidedAt == null ? input.hold.holdUntil : null;
  return {
    id: row.id,
    object: "renewal",
    status: row.status,
    provider: row.provider,
    accountId: input.accountId,
    termId: row.termId,
    nextTerm: {
      id: row.newTermId,
      startDate: row.nextStartDate,
      endDate: row.nextEndDate,
      seats: row.seats,
      amount: money(row.amountValue, row.amountCurrency),
    },
    amount: money(row.amountValue, row.amountCurrency),
    holdUntil: iso(hold),
    checkoutUrl: row.status === "pending" ? row.checkoutUrl : null,
    invoice: invoiceView(row),
    startedAt: iso(row.startedAt),
    expiresAt: iso(row.expiresAt),
    completedAt: iso(row.completedAt),
    endedAt: iso(row.endedAt),
    failureReason: row.failureReason,
  };
}

/** A renewal of the account, or a 404. */
export async function findRenewal(db: Db, input: { accountId: string; renewalId: string }): Promise<RenewalRow> {
  const row = await db.query.renewals.findFirst({
    where: and(eq(renewals.id, input.renewalId), eq(renewals.accountId, input.accountId)),
  });
  if (!row) throw new TenureError("not_found", `no renewal ${input.renewalId} for this account`);
  return row;
}

/** The renewal's hold grant, if it created one. */
export async function findHold(db: Db, row: RenewalRow): Promise<GrantRow | null> {
  if (!row.holdGrantId) return null;
  return (await db.query.grants.findFirst({ where: eq(grants.id, row.holdGrantId) })) ?? null;
}
