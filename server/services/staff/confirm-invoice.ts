import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { renewals } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { termView } from "../contracts/put-contract.ts";
import { completeRenewal } from "../renewals/complete-renewal.ts";
import { writeAudit } from "./audit.ts";
import type { Actor } from "./audit.ts";

/** Finance confirms the money for an invoice (or billing-page) renewal arrived: the renewal completes (next term), audited. */
export async function confirmInvoice(db: Db, input: { tenantId: string; renewalId: string; actor: Actor; now: number }): Promise<Record<string, unknown>> {
  const renewal = await db.query.renewals.findFirst({ where: and(eq(renewals.id, input.renewalId), eq(renewals.tenantId, input.tenantId)) });
  if (!renewal) throw new TenureError("not_found", "no such renewal");
  // Invoices wait for finance; a billing-page payment may need confirming when the callback never came. Stripe confirms itself.
  if (renewal.provider === "stripe") throw new TenureError("conflict", "Stripe renewals complete from Stripe's webhook");
  if (renewal.status === "completed") throw new TenureError("conflict", "the invoice is already confirmed");
  const { term } = await completeRenewal(db, { renewal, completedBy: `staff:${input.actor.email}`, now: input.now });
  // The completion is its own batch (shared with the API route); its audit row follows it.
  await writeAudit(
    db,
    input.actor,
    { action: "invoice.confirm", target: `renewal:${renewal.id}`, before: { status: renewal.status }, after: { status: "completed", newTerm: termView(term) } },
    input.now,
  );
  return { id: renewal.id, status: "completed", newTerm: termView(term) };
}
