import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { deliveriesQuery, tenantDeliveriesQuery, webhookEndpointCreateBody, webhookEndpointResponse } from "../../../shared/schemas/webhooks.ts";
import { listDeliveries, listTenantDeliveries } from "../../services/webhooks/delivery-log.ts";
import { replayDelivery } from "../../services/webhooks/replay.ts";
import { sendTestEvent } from "../../services/webhooks/send-test.ts";
import { createEndpoint, deleteEndpoint, endpointView, findEndpoint, listEndpoints } from "../../services/webhooks/endpoints.ts";
import type { EndpointRow } from "../../services/webhooks/endpoints.ts";
import { KEY_ERRORS, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";

/** `/v1/webhooks/…` (secret key): where Tenure delivers events, and what happened to them. */
export const webhookRoutes = documentedRouter();

const endpointParams = z.object({ endpointId: z.string().describe("The endpoint's id, whe_…") });

const deliverySchema = z.object({
  id: z.string(),
  endpointId: z.string(),
  messageId: z.string(),
  eventType: z.string(),
  status: z.enum(["pending", "succeeded", "failed"]),
  attempts: z.int(),
  nextAttemptAt: isoInstant.nullable(),
  lastStatusCode: z.int().nullable(),
  lastError: z.string().nullable(),
  createdAt: isoInstant,
  finishedAt: isoInstant.nullable(),
  log: z.array(z.object({ attempt: z.int(), statusCode: z.int().nullable(), error: z.string().nullable(), durationMs: z.int().nullable(), at: isoInstant })),
});

function loadEndpoint(c: Context<AppEnv>): Promise<EndpointRow> {
  return findEndpoint(c.get("deps").db, c.get("tenant").id, c.req.param("endpointId") ?? "");
}

const createEndpointRoute = createRoute({
  method: "post",
  path: "/endpoints",
  tags: ["Webhooks"],
  summary: "Add a webhook endpoint",
  description:
    "A public http(s) URL. The signing secret (`whsec_…`) is in this answer only. Deliveries follow Standard Webhooks: `webhook-id`, `webhook-timestamp` and `webhook-signature` headers; see the `webhooks` section for every event.",
  security: secretKey,
  request: { body: jsonBody(webhookEndpointCreateBody) },
  responses: { 201: json(webhookEndpointResponse.required({ secret: true }), "The endpoint, with its signing secret"), ...errors(...KEY_ERRORS, 415) },
});
declare(webhookRoutes, createEndpointRoute, async (c) => {
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

const listEndpointsRoute = createRoute({
  method: "get",
  path: "/endpoints",
  tags: ["Webhooks"],
  summary: "Your webhook endpoints",
  security: secretKey,
  responses: { 200: json(z.object({ data: z.array(webhookEndpointResponse.omit({ secret: true })) }), "Every endpoint"), ...errors(...KEY_ERRORS) },
});
declare(webhookRoutes, listEndpointsRoute, async (c) => {
  const rows = await listEndpoints(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map((row) => endpointView(row)) });
});

const getEndpointRoute = createRoute({
  method: "get",
  path: "/endpoints/{endpointId}",
  tags: ["Webhooks"],
  summary: "One webhook endpoint",
  security: secretKey,
  request: { params: endpointParams },
  responses: { 200: json(webhookEndpointResponse.omit({ secret: true }), "The endpoint"), ...errors(...KEY_ERRORS, 404) },
});
declare(webhookRoutes, getEndpointRoute, async (c) => c.json(endpointView(await loadEndpoint(c))));

const deleteEndpointRoute = createRoute({
  method: "delete",
  path: "/endpoints/{endpointId}",
  tags: ["Webhooks"],
  summary: "Remove a webhook endpoint; its pending deliveries are given up",
  security: secretKey,
  request: { params: endpointParams },
  responses: { 200: json(z.object({ id: z.string(), deleted: z.literal(true) }), "Removed"), ...errors(...KEY_ERRORS, 404) },
});
declare(webhookRoutes, deleteEndpointRoute, async (c) => {
  const endpoint = await loadEndpoint(c);
  await deleteEndpoint(c.get("deps").db, { tenantId: c.get("tenant").id, endpointId: endpoint.id, now: c.get("deps").clock() });
  return c.json({ id: endpoint.id, deleted: true });
});

const listDeliveriesRoute = createRoute({
  method: "get",
  path: "/endpoints/{endpointId}/deliveries",
  tags: ["Webhooks"],
  summary: "The delivery log: each event sent to the endpoint, with every attempt",
  security: secretKey,
  request: { params: endpointParams, query: deliveriesQuery.extend({ limit: deliveriesQuery.shape.limit.describe("1–100, default 50") }) },
  responses: { 200: json(z.object({ data: z.array(deliverySchema) }), "Newest first"), ...errors(...KEY_ERRORS, 404) },
});
declare(webhookRoutes, listDeliveriesRoute, async (c) => {
  const endpoint = await loadEndpoint(c);
  const query = validate(deliveriesQuery, c.req.query(), "query");
  return c.json({ data: await listDeliveries(c.get("deps").db, { endpointId: endpoint.id, limit: query.limit ?? 50 }) });
});

const tenantDeliveriesRoute = createRoute({
  method: "get",
  path: "/deliveries",
  tags: ["Webhooks"],
  summary: "Deliveries to all your endpoints, newest first (?status=failed for the ones to replay)",
  security: secretKey,
  request: { query: tenantDeliveriesQuery },
  responses: {
    200: json(
      z.object({ data: z.array(deliverySchema), nextCursor: z.string().nullable().describe("Pass as ?cursor= for the next page") }),
      "A page of deliveries",
    ),
    ...errors(...KEY_ERRORS),
  },
});
declare(webhookRoutes, tenantDeliveriesRoute, async (c) => {
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

const replayRoute = createRoute({
  method: "post",
  path: "/deliveries/{deliveryId}/replay",
  tags: ["Webhooks"],
  summary: "Send a delivery's event again, as a new delivery to the same endpoint",
  security: secretKey,
  request: { params: z.object({ deliveryId: z.string().describe("dlv_…") }) },
  responses: {
    202: json(z.object({ id: z.string(), endpointId: z.string(), messageId: z.string(), status: z.literal("pending") }), "Queued"),
    ...errors(...KEY_ERRORS, 404, 409),
  },
});
declare(webhookRoutes, replayRoute, async (c) => {
  const deps = c.get("deps");
  const replayed = await replayDelivery(deps.db, { tenantId: c.get("tenant").id, deliveryId: c.req.param("deliveryId") ?? "", now: deps.clock() });
  return c.json({ ...replayed, status: "pending" }, 202);
});

const testRoute = createRoute({
  method: "post",
  path: "/endpoints/{endpointId}/test",
  tags: ["Webhooks"],
  summary: "Send this endpoint a signed webhook.test event",
  description: "Delivered and retried like any other event, to this endpoint only, whatever event types it takes. 409 when the endpoint is disabled.",
  security: secretKey,
  request: { params: endpointParams },
  responses: {
    202: json(
      z.object({ messageId: z.string(), deliveryId: z.string(), endpointId: z.string(), type: z.literal("webhook.test"), status: z.literal("pending") }),
      "Queued",
    ),
    ...errors(...KEY_ERRORS, 404, 409),
  },
});
declare(webhookRoutes, testRoute, async (c) => {
  const deps = c.get("deps");
  const queued = await sendTestEvent(deps.db, { tenantId: c.get("tenant").id, endpointId: c.req.param("endpointId") ?? "", now: deps.clock() });
  return c.json({ ...queued, status: "pending" }, 202);
});
