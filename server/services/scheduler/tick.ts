import type { Db } from "../../db/client.ts";
import { schedulerDeps } from "./deps.ts";
import type { SchedulerDeps } from "./deps.ts";
import { jobs } from "./jobs.ts";
import { createSendPool } from "../webhooks/send-pool.ts";

/** Webhook sends one Node process keeps under way at once (each endpoint and tenant has its own cap too). */
const SENDS_PER_PROCESS = 64;

/**
 * Does everything due at `now`: every registered job in order (expiring renewals, state
 * changes, webhook fan-out and delivery, and other issues' jobs). Safe when two ticks
 * overlap — in one process or across processes — because every job claims its work with a
 * conditional update or a unique insert. A failing job is logged and the others still run.
 * @example await tick(db, Date.now()); // from a Workers cron trigger or a Node interval
 */
export async function tick(db: Db, now: number, deps: Partial<SchedulerDeps> = {}): Promise<Record<string, number>> {
  const resolved = schedulerDeps(deps);
  const done: Record<string, number> = {};
  for (const job of jobs) {
    try {
      done[job.name] = await job.run(db, now, resolved);
    } catch (error) {
      console.error(`[tick] ${job.name} failed`, error);
      done[job.name] = -1;
    }
  }
  return done;
}

/**
 * Runs `tick` every `intervalMs` (Node). The timer does not keep the process alive, and a
 * tick still running when the next is due is not overlapped by this process. Webhook sends
 * run in a pool beside the ticks, so a slow endpoint never delays the next tick. `stop`
 * clears the timer, cancels sends under way (their leases lapse and another tick retries
 * them) and resolves once the tick and the sends have finished (so the database can close).
 * @example const stop = startTicking(db, { clock: Date.now }); … await stop();
 */
export function startTicking(db: Db, options: { clock: () => number; intervalMs?: number; deps?: Partial<SchedulerDeps> }): () => Promise<void> {
  let running: Promise<void> | null = null;
  const pool = options.deps?.sends ? null : createSendPool(SENDS_PER_PROCESS);
  const deps: Partial<SchedulerDeps> = pool ? { ...options.deps, sends: pool } : { ...options.deps };
  const timer = setInterval(() => {
    if (running) return;
    running = tick(db, options.clock(), deps)
      .then(() => undefined)
      .catch((error: unknown) => console.error("[tick] failed", error))
      .finally(() => {
        running = null;
      });
  }, options.intervalMs ?? 5_000);
  (timer as { unref?: () => void }).unref?.();
  return async () => {
    clearInterval(timer);
    await running;
    await pool?.close();
  };
}
