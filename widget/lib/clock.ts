/**
 * Server-authoritative time. The browser's wall clock may be hours wrong, so "now" is the
 * server's clock as learned from each response (round-trip corrected), carried forward on
 * the monotonic `performance.now()`.
 */

/** The longest delay `setTimeout` honours (2^31 − 1 ms, ~24.8 days); longer ones fire at once. */
export const MAX_TIMEOUT = 2_147_483_647;

export interface ClockSample {
  /** The server's epoch ms when it answered (`X-Tenure-Now`). */
  serverNow: number;
  /** Monotonic ms when the request was sent and the response arrived. */
  t0: number;
  t1: number;
}

export interface Clock {
  /** The server's epoch ms now; before any sample, the browser's own clock. */
  now(): number;
  learn(sample: ClockSample): void;
  /** Server time minus the browser's wall clock, to carry an estimate across page loads. */
  wallOffset(): number;
}

/** The offset that maps monotonic time to server time, assuming the answer came mid-flight. */
export function offsetFrom(sample: ClockSample): number {
  return sample.serverNow + (sample.t1 - sample.t0) / 2 - sample.t1;
}

/**
 * A sample is only as exact as half its round trip. One that took longer than this (the
 * machine slept, or the network stalled, mid-request) could move "now" by minutes or hours,
 * so once the clock knows an offset it ignores such samples; the next quick one counts.
 */
export const MAX_TRUSTED_ROUND_TRIP = 5_000;

/**
 * A server clock on monotonic time. The latest trustworthy sample wins: it also repairs
 * drift after the machine slept (monotonic time may pause while asleep).
 * @example const clock = createClock(); clock.learn({ serverNow, t0, t1 }); clock.now();
 */
export function createClock(mono: () => number = () => performance.now(), wall: () => number = () => Date.now()): Clock {
  let offset: number | null = null;
  return {
    now: () => (offset === null ? wall() : Math.round(mono() + offset)),
    learn(sample) {
      if (!Number.isFinite(sample.serverNow) || sample.serverNow <= 0) return;
      if (offset !== null && sample.t1 - sample.t0 > MAX_TRUSTED_ROUND_TRIP) return;
      offset = offsetFrom(sample);
    },
    wallOffset: () => (offset === null ? 0 : mono() + offset - wall()),
  };
}

/**
 * Calls `fn` once the clock reaches `at`. Waits in steps no longer than `setTimeout` can
 * (so far-off instants do not fire at once) and re-checks the clock on each wake-up.
 * Returns a cancel function.
 */
export function scheduleAt(clock: Clock, at: number, fn: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  function arm(): void {
    const delay = at - clock.now();
    if (delay <= 0) return fn();
    timer = setTimeout(arm, Math.min(Math.ceil(delay), MAX_TIMEOUT));
  }
  arm();
  return () => clearTimeout(timer);
}
