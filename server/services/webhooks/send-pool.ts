/**
 * Where a process's webhook sends run when the scheduler must not wait for them (the Node
 * interval): each send runs on its own, so a slow or hanging endpoint holds one slot, never
 * the tick. `free` bounds how much a tick claims; `close` cancels what is under way and waits
 * for it, so the database can close after it.
 */
export interface SendPool {
  /** How many more sends this process takes now. */
  free(): number;
  /** Starts `send` without waiting for it; `signal` aborts when the pool closes. */
  start(send: (signal: AbortSignal) => Promise<void>): void;
}

export interface ClosableSendPool extends SendPool {
  /** Sends under way. */
  running(): number;
  close(): Promise<void>;
}

export function createSendPool(limit: number): ClosableSendPool {
  const running = new Set<Promise<void>>();
  const stop = new AbortController();
  return {
    free: () => (stop.signal.aborted ? 0 : Math.max(0, limit - running.size)),
    running: () => running.size,
    start(send) {
      const work: Promise<void> = send(stop.signal)
        .catch((error: unknown) => console.error("[webhooks] send failed", error))
        .finally(() => running.delete(work));
      running.add(work);
    },
    async close() {
      stop.abort();
      await Promise.allSettled([...running]);
    },
  };
}
