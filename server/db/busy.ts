import type { Client } from "@libsql/client";

/** How long a statement waits for another connection's write lock before SQLITE_BUSY. */
export const BUSY_TIMEOUT_MS = 5_000;
const RETRIES = 4;

function isBusy(error: unknown): boolean {
  const found = error as { code?: unknown; message?: unknown } | null;
  return (
    (typeof found?.code === "string" && found.code.startsWith("SQLITE_BUSY")) || (typeof found?.message === "string" && found.message.includes("SQLITE_BUSY"))
  );
}

async function withRetry<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (!isBusy(error) || attempt >= RETRIES) throw error;
      // Jittered, growing pause: writers that collided do not collide again in step.
      await new Promise((done) => setTimeout(done, (20 + Math.random() * 80) * 2 ** attempt));
    }
  }
}

/**
 * Makes a local-file client safe with other processes on the same file (the client's own
 * `timeout` option sets the busy timeout on every pooled connection, not just the first):
 *
 * - batches and transactions start `BEGIN IMMEDIATE` (mode "write") unless told otherwise, so
 *   they wait for the write lock up front instead of failing when a read snapshot cannot be
 *   upgraded;
 * - a batch or single statement that still meets SQLITE_BUSY is retried with jitter: it ran
 *   as one transaction, so nothing of it was applied. Interactive transactions are not
 *   retried here (their caller owns the statements); no statement stays open across an await.
 */
export function busySafe(client: Client): Client {
  const execute = client.execute.bind(client);
  const batch = client.batch.bind(client);
  const transaction = client.transaction.bind(client);
  client.execute = ((statement: Parameters<Client["execute"]>[0], args?: never) =>
    withRetry(() => (args === undefined ? execute(statement) : execute(statement as string, args)))) as Client["execute"];
  client.batch = ((statements, mode) => withRetry(() => batch(statements, mode ?? "write"))) as Client["batch"];
  client.transaction = ((mode) => withRetry(() => transaction(mode ?? "write"))) as Client["transaction"];
  return client;
}
