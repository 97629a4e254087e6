import { and, eq, inArray, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants, webhookDeliveries, webhookEndpoints, webhookMessages } from "../../db/schema/index.ts";
import { readSettings } from "../tenants/settings.ts";
import type { SchedulerDeps } from "../scheduler/deps.ts";
import type { Job } from "../scheduler/jobs.ts";
import { sendDelivery } from "./send-delivery.ts";

/** How long a claimed delivery is ours; past it, another tick may try again. */
export const LEASE_MS = 60_000;
const BATCH_SIZE = 50;
/** At most this many sends to one endpoint at once, across processes: a hanging endpoint holds only these. */
export const ENDPOINT_CONCURRENCY = 4;
/** At most this many sends for one tenant at once, across processes. */
export const TENANT_CONCURRENCY = 16;

/**
 * Sends due deliveries, fairly. One conditional UPDATE claims them (sets the lease and counts
 * the attempt), so two overlapping ticks never send the same attempt, and it claims only
 * where the endpoint and the tenant have free slots (sends under lease count against them),
 * taking each tenant's oldest first, then each tenant's second, and so on (round-robin), so a
 * backlog in one tenant never queues another behind it. With a send pool (Node) the tick
 * hands the sends over and returns at once; without one it waits for them.
 */
export const deliverWebhooksJob: Job = {
  name: "webhook-deliver",
  async run(db: Db, now: number, deps: SchedulerDeps): Promise<number> {
    const room = deps.sends ? Math.min(BATCH_SIZE, deps.sends.free()) : BATCH_SIZE;
    if (room <= 0) return 0;
    const lease = now + LEASE_MS;
    const claimed = await db
      .update(webhookDeliveries)
      .set({ leaseUntil: lease, attempts: sql`${webhookDeliveries.attempts} + 1`, lastAttemptAt: now })
      .where(
        and(
          sql`${webhookDeliveries.id} IN (${fairDue(now, room)})`,
          eq(webhookDeliveries.status, "pending"),
          lte(webhookDeliveries.nextAttemptAt, now),
          or(isNull(webhookDeliveries.leaseUntil), lte(webhookDeliveries.leaseUntil, now)),
        ),
      )
      .returning();
    if (claimed.length === 0) return 0;
    const [messages, endpoints, owners] = await Promise.all([
      db.query.webhookMessages.findMany({ where: inArray(webhookMessages.id, [...new Set(claimed.map((row) => row.messageId))]) }),
      db.query.webhookEndpoints.findMany({ where: inArray(webhookEndpoints.id, [...new Set(claimed.map((row) => row.endpointId))]) }),
      db
        .select({ id: tenants.id, settings: tenants.settings })
        .from(tenants)
        .where(inArray(tenants.id, [...new Set(claimed.map((row) => row.tenantId))])),
    ]);
    const alertAfter = new Map(owners.map((tenant) => [tenant.id, readSettings(tenant.settings).webhookFailureAlertAfter]));
    const sends = claimed.map((delivery) => {
      const message = messages.find((row) => row.id === delivery.messageId)!;
      const endpoint = endpoints.find((row) => row.id === delivery.endpointId)!;
      return (signal?: AbortSignal): Promise<boolean> =>
        sendDelivery(db, { delivery, message, endpoint, lease, now, deps, alertAfter: alertAfter.get(delivery.tenantId) ?? 10, ...(signal ? { signal } : {}) });
    });
    if (deps.sends) {
      for (const send of sends) deps.sends.start(async (signal) => void (await send(signal)));
      return sends.length;
    }
    const results = await Promise.all(sends.map((send) => send()));
    return results.filter(Boolean).length;
  },
};

/**
 * The ids to claim: due and free deliveries, at most `ENDPOINT_CONCURRENCY` per endpoint and
 * `TENANT_CONCURRENCY` per tenant counting sends already under lease, in round-robin order
 * across tenants. Reads only due rows (status, next_attempt_at index) and leased ones (lease index).
 */
function fairDue(now: number, limit: number) {
  return sql`WITH busy AS (
      SELECT tenant_id, endpoint_id FROM webhook_deliveries WHERE lease_until > ${now} AND status = 'pending'
    ),
    due AS (
      SELECT d.id, d.tenant_id, d.next_attempt_at,
        ROW_NUMBER() OVER (PARTITION BY d.endpoint_id ORDER BY d.next_attempt_at, d.id)
          + (SELECT COUNT(*) FROM busy b WHERE b.endpoint_id = d.endpoint_id) AS endpoint_slot
      FROM webhook_deliveries d
      WHERE d.status = 'pending' AND d.next_attempt_at <= ${now} AND (d.lease_until IS NULL OR d.lease_until <= ${now})
    ),
    open AS (
      SELECT o.id, o.next_attempt_at,
        ROW_NUMBER() OVER (PARTITION BY o.tenant_id ORDER BY o.next_attempt_at, o.id)
          + (SELECT COUNT(*) FROM busy b WHERE b.tenant_id = o.tenant_id) AS tenant_slot
      FROM due o WHERE o.endpoint_slot <= ${ENDPOINT_CONCURRENCY}
    )
    SELECT id FROM open WHERE tenant_slot <= ${TENANT_CONCURRENCY} ORDER BY tenant_slot, next_attempt_at, id LIMIT ${limit}`;
}
