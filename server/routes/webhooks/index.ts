import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { deliveriesQuery, tenantDeliveriesQuery, webhookEndpointCreateBody } from "../../../shared/schemas/webhooks.ts";
import { listDeliveries, listTenantDeliveries } from "../../services/webhooks/delivery-log.ts";
import { replayDelivery } from "../../services/webhooks/replay.ts";
import { createEndpoint, deleteEndpoint, endpointView, findEndpoint, listEndpoints } from "../../services/webhooks/endpoints.ts";
import type { EndpointRow } from "../../services/webhooks/endpoints.ts";

/** `/v1/webhooks/…` (secret key): where Tenure delivers events, and what happened to them. */
export const webhookRoutes = new Hono<AppEnv>();

function loadEndpoint(c: Context<AppEnv>): Promise<EndpointRow> {
  return findEndpoint(c.get("deps").db, c.get("tenant").id, c.req.param("endpointId") ?? "");
}

webhookRoutes.post("/endpoints", async (c) => {
  const body = await readJson(c, webhookEndpointCreateBody);
  const deps = c.get("deps");
  const endpoint = await createEndpoint(deps.db, {
    tenantId: c.get("tenant").id,
    body,
    now: deps.clock(),
    allowPrivateTargets: deps.allowPrivateWebhookTargets === true,
  });
  return c.json(endpointView(endpoint, { withSecret: true }), 201);
});

webhookRoutes.get("/endpoints", async (c) => {
  const rows = await listEndpoints(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map((row) => endpointView(row)) });
});

webhookRoutes.get("/endpoints/:endpointId", async (c) => c.json(endpointView(await loadEndpoint(c))));

webhookRoutes.delete("/endpoints/:endpointId", async (c) => {
  const endpoint = await loadEndpoint(c);
  await deleteEndpoint(c.get("deps").db, { tenantId: c.get("tenant").id, endpointId: endpoint.id, now: c.get("deps").clock() });
  return c.json({ id: endpoint.id, deleted: true });
});

webhookRoutes.get("/endpoints/:endpointId/deliveries", async (c) => {
  const endpoint = await loadEndpoint(c);
  const query = validate(deliveriesQuery, c.req.query(), "query");
  return c.json({ data: await listDeliveries(c.get("deps").db, { endpointId: endpoint.id, limit: query.limit ?? 50 }) });
});

webhookRoutes.get("/deliveries", async (c) => {
  const query = validate(tenantDeliveriesQuery, c.req.query(), "query");
  return c.json(
    await listTenantDeliveries(c.get("deps").db, {
      tenantId: c.get("tenant").id,
      limit: query.limit ?? 50,
      ...(query.status ? { status: query.status } : {}),
      ...(query.cursor ? { cursor: query.cursor } : {}),
    }),
  );
});

webhookRoutes.post("/deliveries/:deliveryId/replay", async (c) => {
  const deps = c.get("deps");
  const replayed = await replayDelivery(deps.db, { tenantId: c.get("tenant").id, deliveryId: c.req.param("deliveryId"), now: deps.clock() });
  return c.json({ ...replayed, status: "pending" }, 202);
});
