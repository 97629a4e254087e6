import { and, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { renewals } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { stripeClient } from "./stripe-client.ts";
import type { RenewalRow } from "./view.ts";
import { recordChange } from "../tenants/changes.ts";

/** Where the customer lands after the checkout, told which renewal and how it went. */
export function returnLink(base: string, renewalId: string, outcome: "success" | "cancel"): string {
  const url = new URL(base);
  url.searchParams.set("tenure_renewal", renewalId);
  url.searchParams.set("tenure_checkout", outcome);
  return url.toString();
}

/**
 * Gives a pending Stripe renewal its Checkout session for the next term's price. The
 * renewal id is Stripe's idempotency key, so concurrent callers (double clicks) get one
 * session, and the renewal's return URL is fixed at start so the parameters never differ.
 */
export async function ensureStripeCheckout(
  db: Db,
  input: { renewal: RenewalRow; settings: TenantSettings; accountName: string; accountId: string; serverOrigin: string; allowPrivateTargets: boolean },
): Promise<RenewalRow> {
  const { renewal, settings } = input;
  const stripe = await stripeClient(settings, input.allowPrivateTargets);
  const back = renewal.returnUrl ?? `${input.serverOrigin}/v1/widget/renewals/return`;
  let session;
  try {
    session = await stripe.checkout.sessions.create(
      {
        mode: "payment",
        client_reference_id: renewal.id,
        metadata: { tenure_renewal_id: renewal.id, tenure_account_id: input.accountId },
        line_items: [
          {
            quantity: 1,
            price_data: {
              currency: renewal.amountCurrency!.toLowerCase(),
              unit_amount: renewal.amountValue!,
              product_data: {
                name: `${settings.productName} renewal — ${input.accountName}`,
                description: `${renewal.nextStartDate} to ${renewal.nextEndDate}, ${renewal.seats} seats`,
              },
            },
          },
        ],
        success_url: returnLink(back, renewal.id, "success"),
        cancel_url: returnLink(back, renewal.id, "cancel"),
      },
      { idempotencyKey: renewal.id },
    );
  } catch (error) {
    throw new TenureError("internal_error", `Stripe did not create the checkout: ${error instanceof Error ? error.message : "unknown error"}`);
  }
  if (!session.url) throw new TenureError("internal_error", "Stripe answered a checkout session without a URL");
  const [[updated]] = await recordChange(db, { tenantId: renewal.tenantId, accountId: renewal.accountId }, [
    db
      .update(renewals)
      .set({ checkoutUrl: session.url, stripeSessionId: session.id })
      .where(and(eq(renewals.id, renewal.id), isNull(renewals.checkoutUrl)))
      .returning(),
  ]);
  return updated ?? (await db.query.renewals.findFirst({ where: eq(renewals.id, renewal.id) }))!;
}
