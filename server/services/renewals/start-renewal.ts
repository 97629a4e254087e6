import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { renewals, tenants } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { nextTermDates, upliftAmount } from "../../../shared/entitlement/renewal-term.ts";
import { amountProblem, nextTermProblem, termMoneyProblem } from "../../../shared/entitlement/term-limits.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import { openSettings } from "../tenants/secrets.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { webhookInsert, webhookInsertWhen } from "../webhooks/enqueue.ts";
import { recordChange } from "../tenants/changes.ts";
import { effectiveProvider, newPaymentReference, providerProblem, signedRenewalLink } from "./providers.ts";
import { ensureStripeCheckout } from "./stripe-checkout.ts";
import { stripeClient } from "./stripe-client.ts";
import { findHold, renewalView } from "./view.ts";
import { discounted } from "../offers/offer-facts.ts";
import { acceptedOffers, offerConfig } from "../offers/show-offer.ts";
import type { RenewalRow } from "./view.ts";

const HOUR = 3_600_000;

export interface StartRenewalInput {
  tenant: { id: string; identitySecret: string };
  account: AccountRow;
  /** `key_…` for the server API, `usr:<user id>` for the widget. */
  startedBy: string;
  now: number;
  seats?: number;
  amount?: { value: number; currency: string };
  returnUrl?: string | null;
  /** The contract end the caller saw; a different current term means it was renewed meanwhile. */
  expectedContractEndsAt?: number;
  /** This server's origin, for the return page when no return URL is given. */
  serverOrigin: string;
  allowPrivateTargets: boolean;
}

/**
 * Starts a renewal of the account's current term, or answers the one already open: there is
 * at most one pending renewal per term (a unique index decides between concurrent clicks).
 * The first renewal of a term also writes its 24-hour hold into the grants ledger.
 */
export async function startRenewal(db: Db, input: StartRenewalInput): Promise<{ renewal: RenewalRow; created: boolean }> {
  const { account, now } = input;
  const settings = await freshSettings(db, input.tenant.id);
  const problem = providerProblem(settings) ?? (effectiveProvider(settings) ? null : "set renewalUrl or renewalProvider in the settings");
  if (problem) throw new TenureError("conflict", `renewals are not set up: ${problem}`);
  const term = await currentTerm(db, account.id);
  if (!term) throw new TenureError("conflict", `account ${account.externalId} has no contract to renew`);
  if (input.expectedContractEndsAt !== undefined && input.expectedContractEndsAt !== term.contractEndsAt) {
    throw new TenureError("conflict", "the contract changed (already renewed?); reload before renewing again");
  }
  const open = await openRenewal(db, term.id);
  if (open) return { renewal: await withCheckout(db, open, input, settings), created: false };
  // Refused before anything is written: a renewal that could not complete must not start.
  const unrenewable = nextTermProblem(term) ?? termMoneyProblem(term);
  if (unrenewable) throw new TenureError("conflict", `this contract cannot be renewed: ${unrenewable}`);

  const provider = effectiveProvider(settings)!;
  const seats = input.seats ?? term.seats;
  // An accepted discount offer takes its percent off the quote (an explicit amount is the vendor's own).
  const discount = (await acceptedOffers(db, account.id, term.id)).map(offerConfig).find((offer) => offer.kind === "discount");
  const quoted = quote(term, seats);
  const amount = input.amount ?? (quoted && discount?.kind === "discount" ? { ...quoted, value: discounted(quoted.value, discount.percent) } : quoted);
  const badAmount = amount ? amountProblem(amount.value, "the renewal's amount") : null;
  if (badAmount) throw new TenureError("validation_failed", badAmount);
  if (provider === "invoice" && (!amount || amount.value <= 0)) {
    throw new TenureError("conflict", "the contract has no amount to invoice; PUT the contract with its amount before renewing by invoice");
  }
  if (provider === "stripe") {
    if (!amount || amount.value <= 0) throw new TenureError("conflict", "the contract has no amount to charge; set its amount before renewing through Stripe");
    await stripeClient(settings, input.allowPrivateTargets); // refuses a bad stripeApi before anything is written
  }
  const entitlement = await getEntitlement(db, { account, settings, now });
  const next = nextTermDates(term);
  const id = newId("ren");
  const holdId = newId("grt");
  // The buffer a pending renewal holds access for ("续费未完成-保留 24 小时缓冲"), as long as the vendor set.
  const holdUntil = Math.max(entitlement.accessEndsAt, now) + settings.renewalHoldHours * HOUR;
  const expiresAt = now + (provider === "invoice" ? settings.invoiceDueDays * 24 * HOUR : settings.renewalExpiryHours * HOUR);
  const returnUrl = input.returnUrl ?? null;
  const checkoutUrl =
    provider === "url"
      ? await signedRenewalLink(
          settings.renewalUrl!,
          {
            account: account.externalId,
            renewal: id,
            term: `${next.startDate}/${next.endDate}`,
            seats,
            amount: amount?.value ?? null,
            currency: amount?.currency ?? null,
            expires: Math.floor(expiresAt / 1000),
            return: returnUrl,
          },
          settings.renewalLinkSecret ?? input.tenant.identitySecret,
        )
      : null;
  const row: Omit<typeof renewals.$inferInsert, "holdGrantId"> = {
    id,
    tenantId: input.tenant.id,
    accountId: account.id,
    termId: term.id,
    openTermId: term.id,
    provider,
    status: "pending",
    nextStartDate: next.startDate,
    nextEndDate: next.endDate,
    seats,
    amountValue: amount?.value ?? null,
    amountCurrency: amount?.currency ?? null,
    checkoutUrl,
    returnUrl,
    reference: provider === "invoice" ? newPaymentReference() : null,
    startedBy: input.startedBy,
    startedAt: now,
    expiresAt,
  };
  const holdReason = `renewal ${id} pending: access held 24 h (续费未完成-保留 24 小时缓冲)`;
  try {
    await recordChange(db, { tenantId: input.tenant.id, accountId: account.id }, [
      // Once per term: no hold if the term ever had one, even a voided one.
      db.run(sql`INSERT INTO grants (id, account_id, term_id, type, hold_until, reason, created_by, created_at)
        SELECT ${holdId}, ${account.id}, ${term.id}, 'hold', ${holdUntil}, ${holdReason}, ${input.startedBy}, ${now}
        WHERE NOT EXISTS (SELECT 1 FROM grants WHERE account_id = ${account.id} AND term_id = ${term.id} AND type = 'hold')`),
      db.insert(renewals).values({ ...row, holdGrantId: sql`(SELECT id FROM grants WHERE id = ${holdId})` }),
      webhookInsert(db, {
        tenantId: input.tenant.id,
        type: "renewal.started",
        data: { accountId: account.externalId, renewalId: id, provider, termId: term.id, nextTerm: { ...next, seats }, amount: amount ?? null },
        dedupeKey: `renewal.started:${id}`,
        now,
      }),
      webhookInsertWhen(
        db,
        {
          tenantId: input.tenant.id,
          type: "grant.created",
          data: {
            accountId: account.externalId,
            grant: {
              id: holdId,
              type: "hold",
              until: new Date(holdUntil).toISOString(),
              reason: holdReason,
              createdBy: input.startedBy,
              createdAt: new Date(now).toISOString(),
            },
          },
          dedupeKey: `grant:${holdId}`,
          now,
        },
        sql`EXISTS (SELECT 1 FROM grants WHERE id = ${holdId})`,
      ),
    ]);
  } catch (error) {
    // Lost the race for the term's one open renewal: answer the winner's.
    const winner = await openRenewal(db, term.id);
    if (!winner) throw error;
    return { renewal: await withCheckout(db, winner, input, settings), created: false };
  }
  const created = (await db.query.renewals.findFirst({ where: eq(renewals.id, id) }))!;
  return { renewal: await withCheckout(db, created, input, settings), created: true };
}

/** The renewal's wire form with its hold. */
export async function startedView(db: Db, renewal: RenewalRow, accountId: string): Promise<Record<string, unknown>> {
  return renewalView(renewal, { accountId, hold: await findHold(db, renewal) });
}

async function withCheckout(db: Db, renewal: RenewalRow, input: StartRenewalInput, settings: TenantSettings): Promise<RenewalRow> {
  if (renewal.provider !== "stripe" || renewal.checkoutUrl || renewal.status !== "pending") return renewal;
  return ensureStripeCheckout(db, {
    renewal,
    settings,
    accountName: input.account.name,
    accountId: input.account.externalId,
    serverOrigin: input.serverOrigin,
    allowPrivateTargets: input.allowPrivateTargets,
  });
}

async function openRenewal(db: Db, termId: string): Promise<RenewalRow | undefined> {
  return db.query.renewals.findFirst({ where: eq(renewals.openTermId, termId) });
}

/** Settings read from the database, not the key cache: payment configuration must be current. */
export async function freshSettings(db: Db, tenantId: string): Promise<TenantSettings> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new TenureError("not_found", "no such tenant");
  return openSettings(db, tenant.id, tenant.settings);
}

/**
 * The next term's price: the current amount with the contract's uplift; a different seat
 * count scales it per seat (the vendor can pass an explicit amount instead).
 */
function quote(term: TermRow, seats: number): { value: number; currency: string } | null {
  if (term.amountValue == null || !term.amountCurrency) return null;
  const uplifted = upliftAmount(term.amountValue, term.upliftPercent);
  const value = seats === term.seats ? uplifted : Math.round((uplifted * seats) / term.seats);
  return { value, currency: term.amountCurrency };
}
