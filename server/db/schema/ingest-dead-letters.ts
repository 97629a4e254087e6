import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Queue messages that kept failing (Workers ingestion): the dead-letter queue's consumer
 * stores each one here, keyed by the queue's message id so a redelivered dead letter is kept
 * once. `body` is the message as sent; an operator reads it, fixes the cause (an account
 * created late, say) and replays it.
 */
export const ingestDeadLetters = sqliteTable(
  "ingest_dead_letters",
  {
    messageId: text("message_id").primaryKey(),
    queue: text("queue").notNull(),
    /** The tenant named in the body, when the body names one (a malformed body may not). */
    tenantId: text("tenant_id"),
    body: text("body").notNull(),
    attempts: integer("attempts").notNull(),
    deadAt: integer("dead_at").notNull(),
  },
  (t) => [index("ingest_dead_letters_tenant").on(t.tenantId, t.deadAt)],
);
