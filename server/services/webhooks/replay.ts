import { and, eq, isNull, lte, or } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";

/**
 * Sends a delivery again: it goes back to `pending`, due now, and the next tick posts the
 * same message — same `webhook-id`, so a consumer that dedupes on it sees one event.
 * Each replay is one more attempt in the log; past the retry schedule a failure finishes it
 * at once rather than starting the schedule over. A delivery being sent right now (leased)
 * or to a removed or disabled endpoint is refused.
 */
export async function replayDelivery(
  db: Db,
  input: { tenantId: string; deliveryId: string; now: number },
): Promise<{ id: string; endpointId: string; messageId: string }> {
  const { now } = input;
  const delivery = await db.query.webhookDeliveries.findFirst({
    where: and(eq(webhookDeliveries.id, input.deliveryId), eq(webhookDeliveries.tenantId, input.tenantId)),
  });
  if (!delivery) throw new TenureError("not_found", `no webhook delivery ${input.deliveryId.slice(0, 64)}`);
  const endpoint = await db.query.webhookEndpoints.findFirst({ where: eq(webhookEndpoints.id, delivery.endpointId) });
  if (!endpoint || endpoint.deletedAt != null) throw new TenureError("conflict", "the delivery's endpoint was removed");
  if (endpoint.disabledAt != null) throw new TenureError("conflict", `the delivery's endpoint is disabled: ${endpoint.disabledReason ?? "disabled"}`);
  const updated = await db
    .update(webhookDeliveries)
    .set({ status: "pending", nextAttemptAt: now, finishedAt: null })
    .where(and(eq(webhookDeliveries.id, delivery.id), or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now))))
    .returning({ id: webhookDeliveries.id });
  if (updated.length === 0) throw new TenureError("conflict", "the delivery is being sent right now; try again in a minute");
  return { id: delivery.id, endpointId: delivery.endpointId, messageId: delivery.messageId };
}
