import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookMessages } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import { findEndpoint } from "./endpoints.ts";

export const TEST_EVENT = "webhook.test";

/**
 * Queues a signed `webhook.test` event for one endpoint, so a vendor can check its receiver
 * and signature verification before a real event happens. The message goes into the outbox
 * with its one delivery already made (only this endpoint gets it, whatever event types it
 * asked for), in one batch; the delivery job sends it, signs it and retries it like any other.
 * @example await sendTestEvent(db, { tenantId, endpointId: "whk_…", now: Date.now() });
 */
export async function sendTestEvent(
  db: Db,
  input: { tenantId: string; endpointId: string; now: number },
): Promise<{ messageId: string; deliveryId: string; endpointId: string; type: string }> {
  const endpoint = await findEndpoint(db, input.tenantId, input.endpointId);
  if (endpoint.disabledAt !== null) throw new TenureError("conflict", `the endpoint is disabled: ${endpoint.disabledReason ?? "disabled"}`);
  const messageId = newId("msg");
  const deliveryId = newId("dlv");
  const payload = {
    type: TEST_EVENT,
    timestamp: new Date(input.now).toISOString(),
    data: { endpointId: endpoint.id, message: "A test event from Tenure: your endpoint received and can verify it." },
  };
  await db.batch([
    db.insert(webhookMessages).values({
      id: messageId,
      tenantId: input.tenantId,
      type: TEST_EVENT,
      payload,
      dedupeKey: messageId,
      createdAt: input.now,
      fannedOutAt: input.now,
    }),
    db.insert(webhookDeliveries).values({
      id: deliveryId,
      tenantId: input.tenantId,
      messageId,
      endpointId: endpoint.id,
      status: "pending",
      attempts: 0,
      nextAttemptAt: input.now,
      createdAt: input.now,
    }),
  ]);
  return { messageId, deliveryId, endpointId: endpoint.id, type: TEST_EVENT };
}
