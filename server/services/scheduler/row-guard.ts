/**
 * Keeps one bad row from stopping a job: work on each row runs inside `attempt`; a row that
 * throws is logged with its id, skipped, and left alone for a backoff that doubles each time
 * (5 s up to an hour) before it is tried again. Other rows — and other tenants — go on.
 * In memory, per process: a restart retries at once, which is what an operator who fixed
 * the row wants.
 */
const FIRST_BACKOFF_MS = 5_000;
const MAX_BACKOFF_MS = 3_600_000;

export interface RowGuard {
  /** Ids resting after a failure at `now` (to leave out of the next query). */
  resting(now: number): string[];
  /** Runs `work` for a row; answers undefined when the row is resting or failed. */
  attempt<T>(id: string, now: number, work: () => Promise<T>): Promise<T | undefined>;
}

export function createRowGuard(job: string): RowGuard {
  const failures = new Map<string, { until: number; delay: number }>();
  return {
    resting(now) {
      const ids: string[] = [];
      for (const [id, failure] of failures) if (failure.until > now) ids.push(id);
      return ids;
    },
    async attempt(id, now, work) {
      const failure = failures.get(id);
      if (failure && failure.until > now) return undefined;
      try {
        const result = await work();
        failures.delete(id);
        return result;
      } catch (error) {
        const delay = Math.min(failure ? failure.delay * 2 : FIRST_BACKOFF_MS, MAX_BACKOFF_MS);
        failures.set(id, { until: now + delay, delay });
        if (failures.size > 10_000) failures.delete(failures.keys().next().value!);
        console.error(`[tick] ${job}: row ${id} failed, skipped for ${delay / 1000} s:`, error instanceof Error ? error.message : error);
        return undefined;
      }
    },
  };
}
