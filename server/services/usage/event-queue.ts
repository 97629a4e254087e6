import { z } from "zod";
import type { Db } from "../../db/client.ts";
import { prepareEvents } from "./prepare-events.ts";
import type { IncomingEvent } from "./prepare-events.ts";
import { recordEvents } from "./record-events.ts";
import type { RecordResult } from "./record-events.ts";
import { resolveBatchAccounts } from "./resolve-accounts.ts";

/**
 * Ingestion through a queue (Cloudflare Queues on Workers). The route validates a batch
 * exactly as the synchronous path does, then hands it to the queue in messages; a consumer
 * writes each message through `recordEvents`, the one ingestion service both entries share.
 * The transport is the only difference: the same primary key (tenant, event id) makes a
 * message delivered twice, or a batch sent twice, count once.
 */

/** The part of a Workers `Queue` binding we use (kept structural: no Workers types in server/). */
export interface EventQueue {
  sendBatch(messages: Iterable<{ body: unknown; contentType?: "json" }>): Promise<unknown>;
}

/**
 * Queues caps a message at 128 KB and a `sendBatch` call at 100 messages or 256 KB
 * (developers.cloudflare.com/queues/platform/limits). We stay below both with a margin for
 * the ~100 bytes of metadata per message.
 */
const MAX_MESSAGE_BYTES = 100_000;
const MAX_SEND_BYTES = 240_000;
const MAX_SEND_MESSAGES = 100;

const queuedEvent = z.strictObject({
  id: z.string().min(1),
  accountId: z.string().min(1),
  userId: z.string().min(1).nullable(),
  name: z.string().min(1),
  properties: z.record(z.string(), z.unknown()).nullable(),
  timestamp: z.number().int().nullable(),
});

/** One message: events of one tenant, received together at `receivedAt` (epoch ms). */
export const queuedBatch = z.strictObject({
  v: z.literal(1),
  tenantId: z.string().min(1),
  source: z.enum(["server", "widget"]),
  receivedAt: z.number().int().min(0),
  events: z.array(queuedEvent).min(1),
});
export type QueuedBatch = z.infer<typeof queuedBatch>;
type QueuedEvent = z.infer<typeof queuedEvent>;

/** Splits events into message bodies under the message size limit, keeping their order. */
export function toMessages(input: { tenantId: string; source: "server" | "widget"; receivedAt: number; events: readonly QueuedEvent[] }): QueuedBatch[] {
  const { tenantId, source, receivedAt } = input;
  const messages: QueuedBatch[] = [];
  let current: QueuedEvent[] = [];
  let size = 0;
  for (const event of input.events) {
    const bytes = JSON.stringify(event).length + 1;
    if (current.length > 0 && size + bytes > MAX_MESSAGE_BYTES) {
      messages.push({ v: 1, tenantId, source, receivedAt, events: current });
      current = [];
      size = 0;
    }
    current.push(event);
    size += bytes;
  }
  if (current.length > 0) messages.push({ v: 1, tenantId, source, receivedAt, events: current });
  return messages;
}

/**
 * Validates a batch (future timestamps, property sizes: the same checks as a synchronous
 * write, so a bad batch is a 4xx here and never reaches the queue), then enqueues it.
 * `accepted` counts the events enqueued; duplicates are found when the consumer writes.
 */
export async function enqueueEvents(
  queue: EventQueue,
  input: { tenantId: string; source: "server" | "widget"; events: readonly IncomingEvent[]; now: number },
): Promise<{ accepted: number; duplicates: 0; queued: true }> {
  const { tenantId, source, events, now } = input;
  prepareEvents({ tenantId, ingestId: "check", source, events, now });
  const bodies = toMessages({
    tenantId,
    source,
    receivedAt: now,
    events: events.map((event) => ({
      id: event.eventId,
      accountId: event.account.externalId,
      userId: event.userId,
      name: event.name,
      properties: event.properties,
      timestamp: event.timestamp,
    })),
  });
  let chunk: QueuedBatch[] = [];
  let bytes = 0;
  for (const body of bodies) {
    const size = JSON.stringify(body).length;
    if (chunk.length > 0 && (chunk.length >= MAX_SEND_MESSAGES || bytes + size > MAX_SEND_BYTES)) {
      await queue.sendBatch(chunk.map((message) => ({ body: message, contentType: "json" as const })));
      chunk = [];
      bytes = 0;
    }
    chunk.push(body);
    bytes += size;
  }
  if (chunk.length > 0) await queue.sendBatch(chunk.map((message) => ({ body: message, contentType: "json" as const })));
  return { accepted: events.length, duplicates: 0, queued: true };
}

/**
 * Writes one queued message. Throws when it cannot (malformed body, unknown account,
 * database down): the consumer then retries it, and the queue dead-letters it after the
 * configured attempts. `receivedAt` is the time the route accepted the batch, so local days
 * and the future-timestamp check are what a synchronous write would have computed.
 */
export async function consumeQueuedBatch(db: Db, body: unknown): Promise<RecordResult> {
  const message = queuedBatch.parse(body);
  const accounts = await resolveBatchAccounts(
    db,
    message.tenantId,
    message.events.map((event) => event.accountId),
  );
  return recordEvents(db, {
    tenantId: message.tenantId,
    source: message.source,
    now: message.receivedAt,
    events: message.events.map((event) => ({
      eventId: event.id,
      account: accounts.get(event.accountId)!,
      userId: event.userId,
      name: event.name,
      properties: event.properties,
      timestamp: event.timestamp,
    })),
  });
}
