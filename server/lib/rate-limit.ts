import { TenureError } from "../../shared/errors.ts";

/**
 * In-process token buckets for ingestion: one per tenant, one per end user. Each event costs
 * a token; a bucket holds `burst` tokens and refills `perSecond` a second.
 *
 * The buckets live in this process: a deployment with N instances (or N Worker isolates)
 * allows up to N times the rate. A Durable Object per tenant could make the Workers path
 * exact later; for abuse protection a per-instance limit is enough.
 */
export interface RateLimits {
  tenantPerSecond: number;
  tenantBurst: number;
  userPerSecond: number;
  userBurst: number;
}

/**
 * A vendor backend may backfill: 100 000 events at once, then 5 000 a second per instance.
 * A browser sends a session signal and a few tracked events a minute: 1 000, then 20 a second.
 */
export const DEFAULT_RATE_LIMITS: RateLimits = {
  tenantPerSecond: 5_000,
  tenantBurst: 100_000,
  userPerSecond: 20,
  userBurst: 1_000,
};

interface Bucket {
  tokens: number;
  updatedAt: number;
}

/** How many buckets to keep before forgetting idle ones (a full bucket is as good as none). */
const MAX_BUCKETS = 50_000;

export class TokenBuckets {
  readonly #buckets = new Map<string, Bucket>();

  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {}

  /**
   * Takes `cost` tokens at `now`, or returns the whole seconds to wait before they will be
   * there. A cost above the burst is charged as a full bucket, so it can pass when idle.
   */
  take(key: string, cost: number, now: number): { ok: true } | { ok: false; retryAfterSeconds: number } {
    const need = Math.min(cost, this.burst);
    const bucket = this.#buckets.get(key) ?? { tokens: this.burst, updatedAt: now };
    const elapsed = Math.max(0, now - bucket.updatedAt) / 1000;
    const tokens = Math.min(this.burst, bucket.tokens + elapsed * this.perSecond);
    if (tokens < need) {
      this.#buckets.set(key, { tokens, updatedAt: now });
      return { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((need - tokens) / this.perSecond)) };
    }
    if (!this.#buckets.has(key) && this.#buckets.size >= MAX_BUCKETS) this.#forgetFull(now);
    this.#buckets.set(key, { tokens: tokens - need, updatedAt: now });
    return { ok: true };
  }

  /** Gives tokens back (a later check failed, so the request did nothing). */
  refund(key: string, cost: number): void {
    const bucket = this.#buckets.get(key);
    if (bucket) bucket.tokens = Math.min(this.burst, bucket.tokens + Math.min(cost, this.burst));
  }

  #forgetFull(now: number): void {
    for (const [key, bucket] of this.#buckets) {
      if (bucket.tokens + ((now - bucket.updatedAt) / 1000) * this.perSecond >= this.burst) this.#buckets.delete(key);
    }
    if (this.#buckets.size >= MAX_BUCKETS) this.#buckets.clear();
  }
}

export interface IngestionLimiter {
  /** Charges `events` to the tenant and, when given, to the user; throws 429 with Retry-After. */
  charge(input: { tenantId: string; userKey?: string; events: number; now: number }): void;
}

export function createIngestionLimiter(limits: Partial<RateLimits> = {}): IngestionLimiter {
  const config = { ...DEFAULT_RATE_LIMITS, ...limits };
  const tenants = new TokenBuckets(config.tenantPerSecond, config.tenantBurst);
  const users = new TokenBuckets(config.userPerSecond, config.userBurst);
  return {
    charge({ tenantId, userKey, events, now }) {
      if (userKey !== undefined) {
        const user = users.take(`${tenantId}\u0000${userKey}`, events, now);
        if (!user.ok) throw rateLimited("this user is sending events too fast", user.retryAfterSeconds);
      }
      const tenant = tenants.take(tenantId, events, now);
      if (!tenant.ok) {
        if (userKey !== undefined) users.refund(`${tenantId}\u0000${userKey}`, events);
        throw rateLimited("too many events for this tenant", tenant.retryAfterSeconds);
      }
    },
  };
}

function rateLimited(message: string, seconds: number): TenureError {
  return new TenureError("rate_limited", `${message}; retry after ${seconds} s`, { retryAfterSeconds: seconds }, { "Retry-After": String(seconds) });
}

const limiters = new WeakMap<object, IngestionLimiter>();

/** One limiter per app (keyed by its deps), so tests with their own app get their own buckets. */
export function limiterFor(deps: object, limits?: Partial<RateLimits>): IngestionLimiter {
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = createIngestionLimiter(limits);
    limiters.set(deps, limiter);
  }
  return limiter;
}
