import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { limiterFor } from "../../lib/rate-limit.ts";
import type { WidgetEventsResponse } from "../../../shared/checklists/wire.ts";
import type { WidgetRecapResponse } from "../../../shared/reminders/wire.ts";
import { widgetChecklistBody, widgetDismissBody, widgetRecapBody } from "../../../shared/schemas/checklists.ts";
import { checkBatchSize, widgetEventsBody } from "../../../shared/schemas/events.ts";
import { dismissChecklist } from "../../services/checklists/dismiss.ts";
import { widgetChecklists } from "../../services/checklists/widget-view.ts";
import { currentNotice } from "../../services/reminders/current-notice.ts";
import { buildRecap, labelFeatures } from "../../services/usage/recap.ts";
import { recordEvents } from "../../services/usage/record-events.ts";
import { widgetEventId } from "../../services/usage/widget-event-id.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import { declare, documentedRouter, errors, json, noKey, widgetBody } from "../openapi.ts";
import { WIDGET_ERRORS } from "./index.ts";
import { widgetChecklistSchema, widgetEventsSchema, widgetRecapSchema, widgetResponseHeaders } from "./schemas.ts";

/**
 * The widget's usage routes under `/v1/widget` (CORS and caching headers come from the
 * widget router's middleware, mounted first). Bodies are `text/plain` JSON with the
 * publishable key and user token; account and user come only from the verified token.
 */
export const widgetUsageRoutes = documentedRouter();

/**
 * `Tenure('track', …)` batches and the `navigator.sendBeacon` flush. Event ids are stored
 * per user, length-prefixed (widget-event-id.ts), so a browser can neither collide with the
 * vendor's own ids nor with another user's. The answer lists steps this batch completed for this user.
 */
const events = createRoute({
  method: "post",
  path: "/events",
  tags: ["Widget"],
  summary: "Usage signals from the widget (also the sendBeacon target)",
  description: "Account and user come from the token. `completedSteps` lists checklist steps this batch completed for this user.",
  security: noKey,
  request: { body: widgetBody(widgetEventsBody) },
  responses: { 202: json(widgetEventsSchema, "Stored", widgetResponseHeaders), ...errors(...WIDGET_ERRORS, 429) },
});
declare(widgetUsageRoutes, events, async (c) => {
  const raw = await readWidgetBody(c);
  checkBatchSize(raw);
  const body = validate(widgetEventsBody, raw);
  const identity = await widgetIdentity(c, body);
  const deps = c.get("deps");
  const now = deps.clock();
  const { account, claims, tenant } = identity;
  const clientIp = c.req.header("cf-connecting-ip");
  await limiterFor(deps).charge({
    tenantId: tenant.id,
    userKey: `${account.id}:${claims.sub}`,
    events: body.events.length,
    now,
    ...(clientIp ? { clientIp } : {}),
  });
  const result = await recordEvents(deps.db, {
    tenantId: tenant.id,
    source: "widget",
    now,
    events: body.events.map((event) => ({
      eventId: widgetEventId(account.externalId, claims.sub, event.id),
      account,
      userId: claims.sub,
      name: event.name,
      properties: event.properties ?? null,
      timestamp: event.timestamp === undefined ? null : typeof event.timestamp === "number" ? event.timestamp : Date.parse(event.timestamp),
    })),
  });
  const answer: WidgetEventsResponse = {
    accepted: result.accepted,
    duplicates: result.duplicates,
    completedSteps: result.completedSteps
      .filter((step) => step.userId === null || step.userId === claims.sub)
      .map(({ checklistId, stepId }) => ({ checklistId, stepId })),
  };
  return c.json(answer, 202);
});

const checklist = createRoute({
  method: "post",
  path: "/checklist",
  tags: ["Widget"],
  summary: "The user's checklists with progress, the account's phase and first-value status",
  security: noKey,
  request: { body: widgetBody(widgetChecklistBody) },
  responses: { 200: json(widgetChecklistSchema, "Checklists", widgetResponseHeaders), ...errors(...WIDGET_ERRORS) },
});
declare(widgetUsageRoutes, checklist, async (c) => {
  const body = validate(widgetChecklistBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  return c.json(await widgetChecklists(c.get("deps").db, { identity, locale: body.locale ?? null, now: c.get("deps").clock() }));
});

const dismiss = createRoute({
  method: "post",
  path: "/checklist/dismiss",
  tags: ["Widget"],
  summary: "Snooze a checklist until an instant (epoch ms), or dismiss it for good (until: null)",
  security: noKey,
  request: { body: widgetBody(widgetDismissBody) },
  responses: {
    200: json(z.object({ checklistId: z.string(), dismissedUntil: z.number().nullable() }), "Hidden until then (null: shown)", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS),
  },
});
declare(widgetUsageRoutes, dismiss, async (c) => {
  const body = validate(widgetDismissBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  return c.json(await dismissChecklist(c.get("deps").db, { identity, checklistId: body.checklistId, until: body.until, now: c.get("deps").clock() }));
});

const recap = createRoute({
  method: "post",
  path: "/recap",
  tags: ["Widget"],
  summary: "The value recap for this term and the current in-app renewal notice",
  security: noKey,
  request: { body: widgetBody(widgetRecapBody) },
  responses: { 200: json(widgetRecapSchema, "Recap and notice", widgetResponseHeaders), ...errors(...WIDGET_ERRORS) },
});
declare(widgetUsageRoutes, recap, async (c) => {
  const body = validate(widgetRecapBody, await readWidgetBody(c));
  const { account, tenant } = await widgetIdentity(c, body);
  const { db } = c.get("deps");
  const now = c.get("deps").clock();
  const recap = await buildRecap(db, account, now);
  const notice = await currentNotice(db, { account, settings: tenant.settings, recap, now });
  // End users see the vendor's labels, never raw event names.
  const labelled = labelFeatures(recap, tenant.settings.eventLabels, body.locale ?? account.locale);
  const answer: WidgetRecapResponse = { serverNow: now, recap: labelled, notice };
  return c.json(answer);
});
