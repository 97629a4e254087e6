const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;

/**
 * The Standard Webhooks retry schedule: the first attempt immediately, then after 5 s,
 * 5 min, 30 min, 2 h, 5 h, 10 h and 10 h — eight attempts over about 27.6 hours.
 */
export const RETRY_DELAYS_MS: readonly number[] = [5 * SECOND, 5 * MINUTE, 30 * MINUTE, 2 * HOUR, 5 * HOUR, 10 * HOUR, 10 * HOUR];
export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** When to try again after attempt number `attempt` (1-based) failed, or null to give up. */
export function nextAttemptAt(attempt: number, failedAt: number): number | null {
  const delay = RETRY_DELAYS_MS[attempt - 1];
  return delay === undefined ? null : failedAt + delay;
}
