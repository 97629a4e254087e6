import type { Db } from "../db/client.ts";
import { storeDeadLetters } from "../services/usage/dead-letters.ts";
import { consumeQueuedBatch } from "../services/usage/event-queue.ts";
import type { MessageBatch } from "./bindings.ts";

/** wrangler.toml's `dead_letter_queue` for `tenure-events`; this Worker consumes both queues. */
export const DEAD_LETTER_QUEUE = "tenure-events-dlq";

/**
 * The queue handler. Events queue: each message is written through the shared ingestion
 * service and acked, or retried when the write throws (after `max_retries` the queue moves
 * it to the dead-letter queue). Messages are written one after another: the primary takes
 * one write at a time anyway, and one message's failure must not retry its neighbours.
 * Dead-letter queue: every message is stored in `ingest_dead_letters` and acked.
 */
export async function consumeQueue(db: Db, batch: MessageBatch, now: number): Promise<{ written: number; retried: number; dead: number }> {
  if (batch.queue === DEAD_LETTER_QUEUE) {
    await storeDeadLetters(
      db,
      batch.messages.map((message) => ({ id: message.id, queue: batch.queue, body: message.body, attempts: message.attempts })),
      now,
    );
    for (const message of batch.messages) message.ack();
    return { written: 0, retried: 0, dead: batch.messages.length };
  }
  let written = 0;
  let retried = 0;
  for (const message of batch.messages) {
    try {
      await consumeQueuedBatch(db, message.body);
      message.ack();
      written++;
    } catch (error) {
      // Logged without the body: it may carry end users' ids and properties.
      console.error(`[queue] message ${message.id} (attempt ${message.attempts}) failed: ${error instanceof Error ? error.message : String(error)}`);
      message.retry();
      retried++;
    }
  }
  return { written, retried, dead: 0 };
}
