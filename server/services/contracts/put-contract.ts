import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { contractTerms } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { contractEndsAt } from "../../../shared/entitlement/compute.ts";
import { termMoneyProblem } from "../../../shared/entitlement/term-limits.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { ContractPutBody } from "../../../shared/schemas/accounts.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { requireDefinedPlan } from "../plans/plans.ts";
import { recordChange } from "../tenants/changes.ts";
import { currentTerm } from "./current-term.ts";
import type { TermRow } from "./current-term.ts";

/** Sets the account's current term (creating the first one). Renewals add terms elsewhere. */
export async function putContract(db: Db, input: { account: AccountRow; body: ContractPutBody; now: number }): Promise<{ term: TermRow; created: boolean }> {
  const { account, body, now } = input;
  // Checked one term ahead: a renewal must never compute an amount it cannot store.
  const money = termMoneyProblem({ amountValue: body.amount?.value ?? null, upliftPercent: body.upliftPercent ?? null });
  if (money) throw new TenureError("validation_failed", `invalid body: ${money}`, [{ path: "amount.value", message: money }]);
  if (body.plan !== undefined) await requireDefinedPlan(db, account.tenantId, body.plan);
  const fields = {
    startDate: body.startDate,
    endDate: body.endDate,
    contractEndsAt: contractEndsAt(body.endDate, account.timezone),
    seats: body.seats,
    graceHours: body.graceHours ?? null,
    lockMode: body.lockMode ?? null,
    plan: body.plan ?? null,
    seatPolicy: body.seatPolicy ?? null,
    overageSeats: body.overageSeats ?? null,
    amountValue: body.amount?.value ?? null,
    amountCurrency: body.amount?.currency ?? null,
    upliftPercent: body.upliftPercent ?? null,
    // A changed term is planned again by the reminder job at its next tick.
    nextReminderAt: 0,
    updatedAt: now,
  };
  const change = { tenantId: account.tenantId, accountId: account.id };
  const existing = await currentTerm(db, account.id);
  if (existing) {
    const [[term]] = await recordChange(db, change, [db.update(contractTerms).set(fields).where(eq(contractTerms.id, existing.id)).returning()]);
    return { term: term!, created: false };
  }
  const [[term]] = await recordChange(db, change, [
    db
      .insert(contractTerms)
      .values({ id: newId("term"), accountId: account.id, seq: 1, createdAt: now, ...fields })
      .returning(),
  ]);
  return { term: term!, created: true };
}

/** The wire form of a term. */
export function termView(term: TermRow): Record<string, unknown> {
  return {
    id: term.id,
    seq: term.seq,
    startDate: term.startDate,
    endDate: term.endDate,
    contractEndsAt: new Date(term.contractEndsAt).toISOString(),
    seats: term.seats,
    graceHours: term.graceHours,
    lockMode: term.lockMode,
    plan: term.plan,
    seatPolicy: term.seatPolicy ?? "allow",
    overageSeats: term.overageSeats,
    amount: term.amountValue == null ? null : { value: term.amountValue, currency: term.amountCurrency },
    upliftPercent: term.upliftPercent,
  };
}
