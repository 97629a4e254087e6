import type { Db } from "../../db/client.ts";
import { schedulerDeps } from "./deps.ts";
import type { SchedulerDeps } from "./deps.ts";
import { jobs } from "./jobs.ts";

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
 * tick still running when the next is due is not overlapped by this process. `stop` clears
 * the timer and resolves once a tick under way has finished (so the database can close).
 * @example const stop = startTicking(db, { clock: Date.now }); … await stop();
 */
export function startTicking(
  db: Db,
  options: { clock: () => number; intervalMs?: number; deps?: Partial<SchedulerDeps> },
): () => Promise<void> {
  let running: Promise<void> | null = null;
  const timer = setInterval(() => {
    if (running) return;
    running = tick(db, options.clock(), options.deps)
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
  };
}
