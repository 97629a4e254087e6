import { z } from "zod";
import { TenureError } from "../errors.ts";
import { externalId, instant } from "./common.ts";

/** Limits on ingestion; past them the answer is 413. */
export const MAX_EVENTS_PER_BATCH = 500;
export const MAX_EVENTS_BODY_BYTES = 1024 * 1024;
export const MAX_PROPERTIES_BYTES = 8 * 1024;
/** How far ahead of the server's clock an event may claim to have happened. */
export const MAX_FUTURE_SKEW_MS = 5 * 60_000;
/**
 * The earliest instant an event may claim: 2000-01-01T00:00:00Z. With MAX_FUTURE_SKEW_MS this
 * is the documented window for event timestamps; outside it a batch is refused (400).
 */
export const MIN_EVENT_TIMESTAMP_MS = Date.UTC(2000, 0, 1);

/**
 * Well-known event names. Anything else is a custom event that checklist rules can use.
 * - `session`: a user signed in (login frequency, active users)
 * - `feature.used`: `properties.feature` (required), `properties.module` (optional)
 * - `ticket.opened`, `ticket.resolved`: support tickets
 * - `training.attended`: a training session or webinar attended
 * - `nps.answered`: `properties.score` 0–10
 */
export const WELL_KNOWN_EVENTS = ["session", "feature.used", "ticket.opened", "ticket.resolved", "training.attended", "nps.answered"] as const;

/** Signals only a vendor's backend may send: a browser must not open tickets or claim training. */
export const SERVER_ONLY_EVENTS: readonly string[] = ["ticket.opened", "ticket.resolved", "training.attended"];

export const eventName = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\u0000-\u001f\u007f]+$/, "must not contain control characters");

/** A batch over the event limit is a 413, answered before each event is validated. */
export function checkBatchSize(body: unknown): void {
  const events = body && typeof body === "object" ? (body as { events?: unknown }).events : undefined;
  if (Array.isArray(events) && events.length > MAX_EVENTS_PER_BATCH) {
    throw new TenureError("payload_too_large", `at most ${MAX_EVENTS_PER_BATCH} events per batch; this one has ${events.length}`);
  }
}

const label = z.string().trim().min(1).max(200);
const properties = z.record(z.string().max(200), z.unknown());

type EventShape = { name: string; properties?: Record<string, unknown> | undefined };

/** Well-known events carry the properties their rollups need. */
function checkWellKnown(event: EventShape, ctx: z.RefinementCtx): void {
  const props = event.properties ?? {};
  if (event.name === "feature.used") {
    if (!label.safeParse(props.feature).success) {
      ctx.addIssue({ code: "custom", path: ["properties", "feature"], message: "feature.used needs properties.feature, a string of 1–200 characters" });
    }
    if (props.module !== undefined && !label.safeParse(props.module).success) {
      ctx.addIssue({ code: "custom", path: ["properties", "module"], message: "properties.module must be a string of 1–200 characters" });
    }
  }
  if (event.name === "nps.answered" && !z.int().min(0).max(10).safeParse(props.score).success) {
    ctx.addIssue({ code: "custom", path: ["properties", "score"], message: "nps.answered needs properties.score, an integer 0–10" });
  }
}

export const serverEvent = z
  .strictObject({
    id: externalId,
    accountId: externalId,
    userId: externalId.optional(),
    name: eventName,
    properties: properties.optional(),
    timestamp: instant.optional(),
  })
  .superRefine(checkWellKnown);
export type ServerEvent = z.infer<typeof serverEvent>;

/** `POST /v1/events` */
export const eventsBatchBody = z.strictObject({ events: z.array(serverEvent).min(1).max(MAX_EVENTS_PER_BATCH) });

/** Widget events name neither account nor user: both come from the verified user token. */
export const widgetEvent = z
  .strictObject({
    id: externalId,
    name: eventName.refine((name) => !SERVER_ONLY_EVENTS.includes(name), "this event may only be sent from your server"),
    properties: properties.optional(),
    /** Epoch milliseconds (the widget's server-corrected clock) or an ISO instant. */
    timestamp: z.union([z.int().min(0).max(8_640_000_000_000_000), instant]).optional(),
  })
  .superRefine(checkWellKnown);
export type WidgetEvent = z.infer<typeof widgetEvent>;

const credentials = {
  publishableKey: z.string().min(1).max(128),
  userToken: z.string().min(1).max(4096),
};

/** `POST /v1/widget/events` (also the `navigator.sendBeacon` target). */
export const widgetEventsBody = z.strictObject({ ...credentials, events: z.array(widgetEvent).min(1).max(MAX_EVENTS_PER_BATCH) });

/**
 * `202` of `POST /v1/events`. Written at once (Node): `accepted` events stored, `duplicates`
 * already stored. Queued (Workers, `queued: true`): `accepted` events enqueued and
 * `duplicates` 0 — duplicates are resolved when the queue consumer writes, by the same event
 * id, so a resent event is still stored and counted once.
 */
export const eventsAcceptedResponse = z.object({
  accepted: z.int().meta({ description: "events stored now, or enqueued when queued is true" }),
  duplicates: z.int().meta({ description: "events already stored; 0 when queued (resolved at consumption)" }),
  queued: z.literal(true).optional().meta({ description: "present when the batch was enqueued and will be written by a queue consumer" }),
});
export type EventsAccepted = z.infer<typeof eventsAcceptedResponse>;

/** `GET /v1/accounts/{accountId}/usage?days=N` */
export const usageQuery = z.strictObject({ days: z.coerce.number().int().min(1).max(366).default(30) });
