import { and, desc, eq, isNull } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { webhookDeliveries, webhookEndpoints } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { refuseTarget } from "../../lib/resolve-host.ts";
import type { ResolveHost } from "../../lib/resolve-host.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { WebhookEndpointCreateBody } from "../../../shared/schemas/webhooks.ts";
import { sealWebhookSecret } from "../tenants/secrets.ts";

export type EndpointRow = typeof webhookEndpoints.$inferSelect;

/** A Standard Webhooks secret: `whsec_` and 24 random bytes in base64. */
function newSigningSecret(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(24));
  return `whsec_${btoa(String.fromCharCode(...bytes))}`;
}

/**
 * Registers an endpoint. Its URL must be http(s) and, unless the app allows private targets,
 * resolve only to public addresses. The signing secret is stored sealed; the returned row
 * holds it in the clear — the one time the vendor sees it.
 */
export async function createEndpoint(
  db: Db,
  input: { tenantId: string; body: WebhookEndpointCreateBody; now: number; allowPrivateTargets: boolean; resolve?: ResolveHost },
): Promise<EndpointRow> {
  const url = new URL(input.body.url);
  const refused = await refuseTarget(url, { allowPrivate: input.allowPrivateTargets, ...(input.resolve ? { resolve: input.resolve } : {}) });
  if (refused) throw new TenureError("validation_failed", `url refused: ${refused}`);
  const id = newId("whk");
  const secret = newSigningSecret();
  const [row] = await db
    .insert(webhookEndpoints)
    .values({
      id,
      tenantId: input.tenantId,
      url: url.toString(),
      description: input.body.description ?? null,
      secret: await sealWebhookSecret(db, id, secret),
      eventTypes: input.body.eventTypes ? [...new Set(input.body.eventTypes)] : null,
      createdAt: input.now,
    })
    .returning();
  return { ...row!, secret };
}

export async function listEndpoints(db: Db, tenantId: string): Promise<EndpointRow[]> {
  return db.query.webhookEndpoints.findMany({
    where: and(eq(webhookEndpoints.tenantId, tenantId), isNull(webhookEndpoints.deletedAt)),
    orderBy: desc(webhookEndpoints.createdAt),
  });
}

export async function findEndpoint(db: Db, tenantId: string, endpointId: string): Promise<EndpointRow> {
  const row = await db.query.webhookEndpoints.findFirst({
    where: and(eq(webhookEndpoints.id, endpointId), eq(webhookEndpoints.tenantId, tenantId), isNull(webhookEndpoints.deletedAt)),
  });
  if (!row) throw new TenureError("not_found", `no webhook endpoint ${endpointId}`);
  return row;
}

/** Removes an endpoint (kept for the log) and gives up its deliveries still pending. */
export async function deleteEndpoint(db: Db, input: { tenantId: string; endpointId: string; now: number }): Promise<void> {
  const endpoint = await findEndpoint(db, input.tenantId, input.endpointId);
  await db.batch([
    db.update(webhookEndpoints).set({ deletedAt: input.now }).where(eq(webhookEndpoints.id, endpoint.id)),
    db
      .update(webhookDeliveries)
      .set({ status: "failed", lastError: "endpoint removed", finishedAt: input.now, nextAttemptAt: null })
      .where(and(eq(webhookDeliveries.endpointId, endpoint.id), eq(webhookDeliveries.status, "pending"))),
  ]);
}

/** The wire form; the secret only when `withSecret` says this is the creation's answer. */
export function endpointView(row: EndpointRow, options: { withSecret?: true } = {}): Record<string, unknown> {
  const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.eventTypes ?? null,
    ...(options.withSecret ? { secret: row.secret } : {}),
    createdAt: iso(row.createdAt),
    disabledAt: iso(row.disabledAt),
    disabledReason: row.disabledReason,
    // Failing: the current streak reached the tenant's `webhookFailureAlertAfter` (a console banner).
    failing: row.failingAlertedAt != null,
    consecutiveFailures: row.consecutiveFailures,
    failingSince: iso(row.failingSince),
  };
}
