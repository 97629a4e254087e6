import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { ingestDeadLetters } from "../../db/schema/index.ts";

/** A message the dead-letter queue delivered: what a Workers `Message` carries that we keep. */
export interface DeadLetter {
  id: string;
  queue: string;
  body: unknown;
  attempts: number;
}

/**
 * Keeps dead messages where an operator can see them (one row per message id: the
 * dead-letter queue is at-least-once too). One batched insert for the whole delivery.
 */
export async function storeDeadLetters(db: Db, letters: readonly DeadLetter[], now: number): Promise<void> {
  if (letters.length === 0) return;
  await db
    .insert(ingestDeadLetters)
    .values(
      letters.map((letter) => {
        const tenant = letter.body && typeof letter.body === "object" ? (letter.body as { tenantId?: unknown }).tenantId : undefined;
        return {
          messageId: letter.id,
          queue: letter.queue,
          tenantId: typeof tenant === "string" ? tenant : null,
          body: JSON.stringify(letter.body ?? null),
          attempts: letter.attempts,
          deadAt: now,
        };
      }),
    )
    .onConflictDoNothing();
}

/** How many dead letters a tenant has (for health checks and tests). */
export async function countDeadLetters(db: Db, tenantId: string): Promise<number> {
  const row = await db.get<{ n: number }>(sql`SELECT count(*) AS n FROM ingest_dead_letters WHERE tenant_id = ${tenantId}`);
  return Number(row?.n ?? 0);
}
