import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { parseJsonText, validate } from "../../lib/body.ts";
import { limiterFor } from "../../lib/rate-limit.ts";
import { TenureError } from "../../../shared/errors.ts";
import { MAX_EVENTS_BODY_BYTES, checkBatchSize, eventsBatchBody } from "../../../shared/schemas/events.ts";
import { resolveBatchAccounts } from "../../services/usage/resolve-accounts.ts";
import { recordEvents } from "../../services/usage/record-events.ts";

/**
 * `POST /v1/events`: usage signals from a vendor's backend. Idempotent by event id; an
 * unknown account or a future timestamp rejects the whole batch and stores nothing.
 */
export const eventRoutes = new Hono<AppEnv>();

eventRoutes.post("/", async (c) => {
  const type = c.req.header("content-type") ?? "";
  if (!/^application\/json\b/i.test(type)) throw new TenureError("unsupported_media_type", "send the body as application/json");
  const raw = parseJsonText(await c.req.text(), MAX_EVENTS_BODY_BYTES);
  checkBatchSize(raw);
  const body = validate(eventsBatchBody, raw);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const now = deps.clock();
  limiterFor(deps, deps.rateLimits).charge({ tenantId: tenant.id, events: body.events.length, now });
  const accounts = await resolveBatchAccounts(deps.db, tenant.id, body.events.map((event) => event.accountId));
  const result = await recordEvents(deps.db, {
    tenantId: tenant.id,
    source: "server",
    now,
    events: body.events.map((event) => ({
      eventId: event.id,
      account: accounts.get(event.accountId)!,
      userId: event.userId ?? null,
      name: event.name,
      properties: event.properties ?? null,
      timestamp: event.timestamp === undefined ? null : Date.parse(event.timestamp),
    })),
  });
  return c.json({ accepted: result.accepted, duplicates: result.duplicates }, 202);
});
