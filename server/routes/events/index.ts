import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { parseJsonText, readBodyText, validate } from "../../lib/body.ts";
import { limiterFor } from "../../lib/rate-limit.ts";
import { TenureError } from "../../../shared/errors.ts";
import { MAX_EVENTS_BODY_BYTES, checkBatchSize, eventsBatchBody } from "../../../shared/schemas/events.ts";
import type { EventsAccepted } from "../../../shared/schemas/events.ts";
import { enqueueEvents } from "../../services/usage/event-queue.ts";
import type { IncomingEvent } from "../../services/usage/prepare-events.ts";
import { resolveBatchAccounts } from "../../services/usage/resolve-accounts.ts";
import { recordEvents } from "../../services/usage/record-events.ts";

/**
 * `POST /v1/events`: usage signals from a vendor's backend. Idempotent by event id; an
 * unknown account or a future timestamp rejects the whole batch and stores nothing.
 * With an event queue (Workers) the batch is validated the same way, then enqueued:
 * `accepted` counts events enqueued, `queued: true` says duplicates are resolved when the
 * consumer writes (a duplicate is still stored once).
 */
export const eventRoutes = new Hono<AppEnv>();

eventRoutes.post("/", async (c) => {
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
  const accounts = await resolveBatchAccounts(deps.db, tenant.id, body.events.map((event) => event.accountId));
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
