import { TenureError } from "../../../shared/errors.ts";
import { MAX_FUTURE_SKEW_MS, MAX_PROPERTIES_BYTES, MIN_EVENT_TIMESTAMP_MS } from "../../../shared/schemas/events.ts";
import type { usageEvents } from "../../db/schema/index.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { labellerFor } from "./local-days.ts";

export type UsageEventRow = typeof usageEvents.$inferInsert;

/** An event as both entries hand it over: account resolved, timestamp in epoch ms or absent. */
export interface IncomingEvent {
  /** The id as stored: unique per tenant. */
  eventId: string;
  account: AccountRow;
  userId: string | null;
  name: string;
  properties: Record<string, unknown> | null;
  timestamp: number | null;
}

/**
 * Turns validated events into rows: the account's local day, the properties rollups read
 * (`feature`, `module`, NPS `score`), and the limits zod cannot see. Events from the future
 * (beyond clock skew) reject the batch with a 400; oversized properties with a 413.
 */
export function prepareEvents(input: {
  tenantId: string;
  ingestId: string;
  source: "server" | "widget";
  events: readonly IncomingEvent[];
  now: number;
}): UsageEventRow[] {
  const { tenantId, ingestId, source, events, now } = input;
  const future: Array<{ path: string; message: string }> = [];
  const past: Array<{ path: string; message: string }> = [];
  const rows = events.map((event, index): UsageEventRow => {
    const occurredAt = event.timestamp ?? now;
    if (occurredAt > now + MAX_FUTURE_SKEW_MS) {
      future.push({ path: `events.${index}.timestamp`, message: `${new Date(occurredAt).toISOString()} is in the future` });
    }
    if (occurredAt < MIN_EVENT_TIMESTAMP_MS) {
      past.push({
        path: `events.${index}.timestamp`,
        message: `${new Date(occurredAt).toISOString()} is before ${new Date(MIN_EVENT_TIMESTAMP_MS).toISOString()}`,
      });
    }
    const properties = event.properties && Object.keys(event.properties).length > 0 ? JSON.stringify(event.properties) : null;
    if (properties !== null && properties.length > MAX_PROPERTIES_BYTES) {
      throw new TenureError("payload_too_large", `events.${index}.properties is larger than ${MAX_PROPERTIES_BYTES} bytes`);
    }
    const label = labellerFor(event.account.timezone);
    const props = event.properties ?? {};
    return {
      tenantId,
      eventId: event.eventId,
      accountId: event.account.id,
      userId: event.userId,
      name: event.name,
      feature: event.name === "feature.used" ? String(props.feature).trim() : null,
      module: event.name === "feature.used" && typeof props.module === "string" ? props.module.trim() : null,
      score: event.name === "nps.answered" ? Number(props.score) : null,
      properties,
      occurredAt,
      day: label(occurredAt),
      source,
      ingestId,
      receivedAt: now,
    };
  });
  if (past.length > 0) {
    throw new TenureError(
      "validation_failed",
      `timestamps before ${new Date(MIN_EVENT_TIMESTAMP_MS).toISOString()} are not accepted; nothing was stored`,
      past,
    );
  }
  if (future.length > 0) {
    throw new TenureError(
      "validation_failed",
      `timestamps more than ${MAX_FUTURE_SKEW_MS / 60_000} minutes ahead of the server's clock; nothing was stored`,
      future,
    );
  }
  return rows;
}
