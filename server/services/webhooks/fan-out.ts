import { and, asc, eq, inArray, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookEndpoints, webhookMessages } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { runBatch } from "../renewals/batch.ts";
import type { Job } from "../scheduler/jobs.ts";
import { aboutEndpoint } from "./failing-streak.ts";

/**
 * Turns each new outbox message into one delivery per live endpoint of its tenant that wants
 * its type (and existed when it was written). The unique (message, endpoint) pair makes an
 * overlapping tick's second insert a no-op.
 */
export const fanOutWebhooksJob: Job = {
  name: "webhook-fan-out",
  async run(db: Db, now: number): Promise<number> {
    const pending = await db.query.webhookMessages.findMany({
      where: isNull(webhookMessages.fannedOutAt),
      orderBy: [asc(webhookMessages.createdAt), asc(webhookMessages.id)],
      limit: 200,
    });
    if (pending.length === 0) return 0;
    const endpoints = await db.query.webhookEndpoints.findMany({
      where: and(
        inArray(webhookEndpoints.tenantId, [...new Set(pending.map((message) => message.tenantId))]),
        isNull(webhookEndpoints.disabledAt),
        isNull(webhookEndpoints.deletedAt),
      ),
    });
    let created = 0;
    for (const message of pending) {
      const targets = endpoints.filter(
        (endpoint) =>
          endpoint.tenantId === message.tenantId &&
          endpoint.createdAt <= message.createdAt &&
          !aboutEndpoint(message, endpoint.id) &&
          (!endpoint.eventTypes || endpoint.eventTypes.includes(message.type)),
      );
      await runBatch(db, [
        ...(targets.length > 0
          ? [
              db
                .insert(webhookDeliveries)
                .values(
                  targets.map((endpoint) => ({
                    id: newId("dlv"),
                    tenantId: message.tenantId,
                    messageId: message.id,
                    endpointId: endpoint.id,
                    status: "pending" as const,
                    attempts: 0,
                    nextAttemptAt: now,
                    createdAt: now,
                  })),
                )
                .onConflictDoNothing({ target: [webhookDeliveries.messageId, webhookDeliveries.endpointId] }),
            ]
          : []),
        db
          .update(webhookMessages)
          .set({ fannedOutAt: now })
          .where(and(eq(webhookMessages.id, message.id), isNull(webhookMessages.fannedOutAt))),
      ]);
      created += targets.length;
    }
    return created;
  },
};
