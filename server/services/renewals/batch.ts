import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client.ts";

/** Runs statements as one libSQL batch: one transaction, all or nothing. */
export async function runBatch(db: Db, items: BatchItem<"sqlite">[]): Promise<void> {
  if (items.length === 0) return;
  await db.batch(items as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}
