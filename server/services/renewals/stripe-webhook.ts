import { and, eq } from "drizzle-orm";
import type Stripe from "stripe";
import type { Db } from "../../db/client.ts";
import { renewals, tenants } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { openSettings } from "../tenants/secrets.ts";
import { completeRenewal } from "./complete-renewal.ts";
import { endRenewal } from "./end-renewal.ts";
import { verifyStripeEvent } from "./stripe-client.ts";

export type StripeOutcome = "completed" | "failed" | "expired" | "awaiting_payment" | "ignored" | "unchanged" | "conflict";

/**
 * Handles a Stripe webhook for a tenant: verified first, so a bad signature or stale
 * timestamp changes nothing. Every handler is idempotent and only moves a renewal forward —
 * `completed` wins over everything, `expired`/`failed` apply only while pending — so replayed
 * or out-of-order events end in the same state.
 */
export async function handleStripeWebhook(
  db: Db,
  input: { tenantId: string; payload: string; signature: string; now: number },
): Promise<{ eventId: string; outcome: StripeOutcome }> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  const secret = tenant ? (await openSettings(db, tenant.id, tenant.settings)).stripeWebhookSecret : null;
  if (!tenant || !secret) throw new TenureError("not_found", "no Stripe webhook is configured here");
  if (!input.signature) throw new TenureError("bad_request", "the Stripe-Signature header is missing");
  const event = await verifyStripeEvent(input.payload, input.signature, secret, input.now);
  return { eventId: event.id, outcome: await apply(db, tenant.id, event, input.now) };
}

async function apply(db: Db, tenantId: string, event: Stripe.Event, now: number): Promise<StripeOutcome> {
  if (!event.type.startsWith("checkout.session.")) return "ignored";
  const session = event.data.object as Stripe.Checkout.Session;
  const renewalId = session.client_reference_id ?? session.metadata?.tenure_renewal_id;
  if (!renewalId) return "ignored";
  const renewal = await db.query.renewals.findFirst({ where: and(eq(renewals.id, renewalId), eq(renewals.tenantId, tenantId)) });
  if (!renewal || renewal.provider !== "stripe") return "ignored";
  if (renewal.stripeSessionId && renewal.stripeSessionId !== session.id) return "ignored";
  const paid =
    event.type === "checkout.session.async_payment_succeeded" || (event.type === "checkout.session.completed" && session.payment_status !== "unpaid");
  if (paid) {
    if (renewal.status === "completed") return "unchanged";
    try {
      await completeRenewal(db, { renewal, completedBy: `stripe:${event.id}`, now });
      return "completed";
    } catch (error) {
      if (!(error instanceof TenureError) || error.code !== "conflict") throw error;
      // Paid for a term another renewal already renewed: tell the vendor (refund) instead of retrying forever.
      await endRenewal(db, { renewal, status: "failed", reason: "paid, but the term was already renewed: refund due", now });
      return "conflict";
    }
  }
  if (event.type === "checkout.session.completed") return "awaiting_payment";
  const ending = event.type === "checkout.session.async_payment_failed" ? "failed" : event.type === "checkout.session.expired" ? "expired" : null;
  if (!ending) return "ignored";
  if (renewal.status !== "pending") return "unchanged";
  await endRenewal(db, { renewal, status: ending, reason: ending === "failed" ? "payment failed" : "checkout expired", now });
  return ending;
}
