import { createRoute } from "@hono/zod-openapi";
import { parseJsonText, readBodyText, validate } from "../../lib/body.ts";
import { limiterFor } from "../../lib/rate-limit.ts";
import { TenureError } from "../../../shared/errors.ts";
import { MAX_EVENTS_BODY_BYTES, checkBatchSize, eventsAcceptedResponse, eventsBatchBody } from "../../../shared/schemas/events.ts";
import type { EventsAccepted } from "../../../shared/schemas/events.ts";
import { enqueueEvents } from "../../services/usage/event-queue.ts";
import type { IncomingEvent } from "../../services/usage/prepare-events.ts";
import { resolveBatchAccounts } from "../../services/usage/resolve-accounts.ts";
import { recordEvents } from "../../services/usage/record-events.ts";
import { KEY_ERRORS, declare, documentedRouter, errors, json, jsonBody, secretKey } from "../openapi.ts";

/**
 * `POST /v1/events`: usage signals from a vendor's backend. Idempotent by event id; an
 * unknown account or a future timestamp rejects the whole batch and stores nothing.
 * With an event queue (Workers) the batch is validated the same way, then enqueued:
 * `accepted` counts events enqueued, `queued: true` says duplicates are resolved when the
 * consumer writes (a duplicate is still stored once).
 */
export const eventRoutes = documentedRouter();

const ingest = createRoute({
  method: "post",
  path: "/",
  tags: ["Usage"],
  summary: "Send usage signals",
  description: [
    "At most 500 events and 1 MB per batch. Idempotent by event id (an id already stored counts as a duplicate); an unknown accountId or a timestamp outside [2000-01-01, now + 5 min] rejects the whole batch and stores nothing.",
    "",
    "Well-known names: `session` (a login), `feature.used` (`properties.feature`, optional `properties.module`), `ticket.opened`, `ticket.resolved`, `training.attended`, `nps.answered` (`properties.score` 0–10). Any other name is a custom event for checklist rules.",
    "",
    "429 with Retry-After past the per-tenant rate. On Workers the batch is validated, enqueued and answered with `queued: true`: `accepted` then counts events enqueued, and duplicates are resolved when the queue consumer writes (still stored once).",
  ].join("\n"),
  security: secretKey,
  request: { body: jsonBody(eventsBatchBody) },
  responses: { 202: json(eventsAcceptedResponse, "Accepted"), ...errors(...KEY_ERRORS, 404, 415, 429) },
});
declare(eventRoutes, ingest, async (c) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new TenureError("unsupported_media_type", "send the body as application/json");
  const raw = parseJsonText(await readBodyText(c), MAX_EVENTS_BODY_BYTES);
  checkBatchSize(raw);
  const body = validate(eventsBatchBody, raw);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const now = deps.clock();
  const clientIp = c.req.header("cf-connecting-ip");
  await limiterFor(deps).charge({ tenantId: tenant.id, events: body.events.length, now, ...(clientIp ? { clientIp } : {}) });
  const accounts = await resolveBatchAccounts(
    deps.db,
    tenant.id,
    body.events.map((event) => event.accountId),
    now,
  );
  const events = body.events.map(
    (event): IncomingEvent => ({
      eventId: event.id,
      account: accounts.get(event.accountId)!,
      userId: event.userId ?? null,
      name: event.name,
      properties: event.properties ?? null,
      timestamp: event.timestamp === undefined ? null : Date.parse(event.timestamp),
    }),
  );
  const input = { tenantId: tenant.id, source: "server" as const, now, events };
  if (deps.eventQueue) {
    const answer: EventsAccepted = await enqueueEvents(deps.eventQueue, input);
    return c.json(answer, 202);
  }
  const result = await recordEvents(deps.db, input);
  const answer: EventsAccepted = { accepted: result.accepted, duplicates: result.duplicates };
  return c.json(answer, 202);
});
