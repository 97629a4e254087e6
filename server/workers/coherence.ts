import type { Db } from "../db/client.ts";
import { changeWatcher } from "../services/tenants/changes.ts";
import { bumpAllVersions } from "../services/tenants/tenant-version.ts";

/**
 * How often an isolate reads the change rows, and so how stale its caches (keys, widget
 * snapshots, per-account reads) may be: a write committed by another isolate or process
 * this long before a request starts is always seen by that request.
 */
export const CHANGE_POLL_INTERVAL_MS = 1_000;

/**
 * How long a request waits for a due poll. When the poll takes longer (or fails), the request
 * drops every cached copy instead and reads the database itself, so the bound still holds:
 * whatever is cached afterwards was read after the poll began.
 */
export const POLL_WAIT_MS = 250;

interface PollState {
  startedAt: number;
  running: Promise<void> | null;
}

const states = new WeakMap<Db, PollState>();

/**
 * Called at the start of every request an isolate serves. At most once a
 * `CHANGE_POLL_INTERVAL_MS` it reads the `change_versions` rows written since its last look
 * (one range read on the `seq` index, changes.ts), which drops what other isolates' writes
 * made stale. Requests that arrive while that read is under way wait for it too (bounded);
 * between polls nothing is awaited. `keepAlive` (the request's `waitUntil`) lets a slow poll
 * finish after the request that started it has answered.
 */
export async function freshenCaches(db: Db, now: number, keepAlive?: (promise: Promise<unknown>) => void): Promise<void> {
  let state = states.get(db);
  if (!state) {
    state = { startedAt: Number.NEGATIVE_INFINITY, running: null };
    states.set(db, state);
  }
  let running = state.running;
  if (!running) {
    if (now - state.startedAt < CHANGE_POLL_INTERVAL_MS) return;
    const started = state;
    started.startedAt = now;
    running = changeWatcher(db)
      .poll()
      .finally(() => {
        started.running = null;
      });
    started.running = running;
    // A failure is handled by whoever waits below; this keeps a late one from going unhandled.
    keepAlive?.(running.catch(() => undefined));
  }
  let timer: ReturnType<typeof setTimeout> | undefined;
  const slow = new Promise<"slow">((done) => {
    timer = setTimeout(() => done("slow"), POLL_WAIT_MS);
  });
  try {
    const outcome = await Promise.race([running.then(() => "polled" as const), slow]);
    if (outcome === "slow") bumpAllVersions(db);
  } catch (error) {
    console.error("[tenure] could not read the change rows; this request reads around its caches:", error instanceof Error ? error.message : String(error));
    bumpAllVersions(db);
  } finally {
    clearTimeout(timer);
  }
}
