import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, contractTerms, grants, renewals } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { contractEndsAt } from "../../../shared/entitlement/compute.ts";
import { nextTermDates } from "../../../shared/entitlement/renewal-term.ts";
import { amountProblem, nextTermProblem } from "../../../shared/entitlement/term-limits.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { webhookInsertWhen } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";
import { money } from "./view.ts";
import { oneMonthDays } from "../offers/offer-facts.ts";
import { acceptedOffers, offerConfig } from "../offers/show-offer.ts";
import type { RenewalRow } from "./view.ts";

export interface CompleteRenewalInput {
  renewal: RenewalRow;
  /** Seats as renewed; defaults to the quote's. */
  seats?: number;
  /** The amount actually paid; defaults to the quote's. */
  amount?: { value: number; currency: string };
  /** Who confirmed the payment (`key_…`, `stripe:evt_…`). */
  completedBy: string;
  now: number;
}

/**
 * Payment confirmed: the next term starts at the old `contractEndsAt`, runs as long in
 * calendar terms, with the seats and amount as renewed. Exactly once — the renewal update,
 * the new term and the `renewal.completed` event are one batch, each conditioned on this
 * attempt having won; completing again answers the first result. A renewal that expired or
 * failed may still complete (the money arrived late); one whose term was already renewed
 * by another renewal may not.
 */
export async function completeRenewal(db: Db, input: CompleteRenewalInput): Promise<{ renewal: RenewalRow; term: TermRow }> {
  const { renewal, now } = input;
  if (renewal.status === "completed") return completed(db, renewal.id);
  const old = await db.query.contractTerms.findFirst({ where: eq(contractTerms.id, renewal.termId) });
  const account = await db.query.accounts.findFirst({ where: eq(accounts.id, renewal.accountId) });
  if (!old || !account) throw new TenureError("not_found", "the renewed term no longer exists");
  const unrenewable = nextTermProblem(old);
  if (unrenewable) throw new TenureError("conflict", `this renewal cannot complete: ${unrenewable}`);
  const next = nextTermDates(old);
  const termId = newId("term");
  const seats = input.seats ?? renewal.seats;
  const amountValue = input.amount?.value ?? renewal.amountValue;
  const amountCurrency = input.amount?.currency ?? renewal.amountCurrency;
  const badAmount = amountValue == null ? null : amountProblem(amountValue, "amount.value");
  if (badAmount) throw new TenureError("validation_failed", badAmount);
  const won = sql`EXISTS (SELECT 1 FROM renewals WHERE id = ${renewal.id} AND new_term_id = ${termId})`;
  const offerGrants = nextTermOfferGrants(db, {
    offers: await acceptedOffers(db, renewal.accountId, old.id),
    accountId: renewal.accountId,
    accountExternalId: account.externalId,
    tenantId: renewal.tenantId,
    termId,
    endDate: next.endDate,
    endsAt: contractEndsAt(next.endDate, account.timezone),
    now,
    won,
  });
  await recordChange(db, { tenantId: renewal.tenantId, accountId: renewal.accountId }, [
    db
      .update(renewals)
      .set({
        status: "completed",
        openTermId: null,
        completedAt: now,
        newTermId: termId,
        nextStartDate: next.startDate,
        nextEndDate: next.endDate,
        seats,
        amountValue,
        amountCurrency,
      })
      .where(
        sql`${renewals.id} = ${renewal.id} AND ${renewals.status} <> 'completed'
          AND NOT EXISTS (SELECT 1 FROM contract_terms WHERE account_id = ${renewal.accountId} AND seq > ${old.seq})`,
      ),
    db.run(sql`INSERT INTO contract_terms (id, account_id, seq, start_date, end_date, contract_ends_at, seats, grace_hours,
        lock_mode, plan, seat_policy, overage_seats, amount_value, amount_currency, uplift_percent, created_at, updated_at)
      SELECT ${termId}, ${renewal.accountId}, ${old.seq + 1}, ${next.startDate}, ${next.endDate},
        ${contractEndsAt(next.endDate, account.timezone)}, ${seats}, ${old.graceHours}, ${old.lockMode}, ${old.plan},
        ${old.seatPolicy}, ${old.overageSeats}, ${amountValue}, ${amountCurrency}, ${old.upliftPercent}, ${now}, ${now}
      WHERE ${won}`),
    // The hold has done its job; voiding it leaves the ledger the same whichever way the renewal ended.
    ...(renewal.holdGrantId
      ? [db.update(grants).set({ voidedAt: now }).where(sql`${grants.id} = ${renewal.holdGrantId} AND ${grants.voidedAt} IS NULL AND ${won}`)]
      : []),
    ...offerGrants,
    webhookInsertWhen(
      db,
      {
        tenantId: renewal.tenantId,
        type: "renewal.completed",
        data: {
          accountId: account.externalId,
          renewalId: renewal.id,
          provider: renewal.provider,
          previousTermId: old.id,
          term: { id: termId, seq: old.seq + 1, ...next, seats, amount: money(amountValue, amountCurrency) },
          completedBy: input.completedBy,
        },
        dedupeKey: `renewal.completed:${renewal.id}`,
        now,
      },
      won,
    ),
  ]);
  const after = (await db.query.renewals.findFirst({ where: eq(renewals.id, renewal.id) }))!;
  if (after.status !== "completed") {
    throw new TenureError("conflict", "the term was already renewed by another renewal; this one cannot complete");
  }
  return completed(db, after.id);
}

/**
 * Accepted offers that belong to the next term, written with it: bonus seats for the new
 * term (until its end) and the "+1" month of "12 + 1" as a time grant of the new term, which
 * moves its access but never its contract end (so its renewal month and ARR stay).
 */
function nextTermOfferGrants(
  db: Db,
  input: {
    offers: Awaited<ReturnType<typeof acceptedOffers>>;
    accountId: string;
    accountExternalId: string;
    tenantId: string;
    termId: string;
    endDate: string;
    endsAt: number;
    now: number;
    won: ReturnType<typeof sql>;
  },
) {
  const { now, won } = input;
  return input.offers.flatMap((offer) => {
    const config = offerConfig(offer);
    if (config.kind !== "bonus_seats" && config.kind !== "twelve_plus_one") return [];
    const id = newId("grt");
    const reason = `offer ${offer.id} (${config.kind}) for the renewed term`;
    const createdAt = new Date(now).toISOString();
    const days = config.kind === "twelve_plus_one" ? oneMonthDays(input.endDate) : null;
    const insert =
      config.kind === "bonus_seats"
        ? db.run(sql`INSERT INTO grants (id, account_id, term_id, type, seats, expires_at, reason, created_by, created_at)
            SELECT ${id}, ${input.accountId}, ${input.termId}, 'seats', ${config.seats}, ${input.endsAt}, ${reason}, 'system:offer', ${now} WHERE ${won}`)
        : db.run(sql`INSERT INTO grants (id, account_id, term_id, type, days, reason, created_by, created_at)
            SELECT ${id}, ${input.accountId}, ${input.termId}, 'time', ${days}, ${reason}, 'system:offer', ${now} WHERE ${won}`);
    const grant =
      config.kind === "bonus_seats"
        ? {
            id,
            type: "seats",
            seats: config.seats,
            expiresAt: new Date(input.endsAt).toISOString(),
            reason,
            createdBy: "system:offer",
            createdAt,
            voidedAt: null,
          }
        : { id, type: "time", days, reason, createdBy: "system:offer", createdAt, voidedAt: null };
    return [
      insert,
      webhookInsertWhen(
        db,
        { tenantId: input.tenantId, type: "grant.created", data: { accountId: input.accountExternalId, grant }, dedupeKey: `grant:${id}`, now },
        won,
      ),
    ];
  });
}

async function completed(db: Db, renewalId: string): Promise<{ renewal: RenewalRow; term: TermRow }> {
  const renewal = (await db.query.renewals.findFirst({ where: eq(renewals.id, renewalId) }))!;
  const term = await db.query.contractTerms.findFirst({ where: eq(contractTerms.id, renewal.newTermId ?? "") });
  if (!term) throw new TenureError("internal_error", `renewal ${renewalId} is completed without its term`);
  return { renewal, term };
}
