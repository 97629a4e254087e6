import { TenureError } from "../../shared/errors.ts";

/**
 * In-process token buckets for ingestion: one per tenant, one per end user. Each event costs
 * a token; a bucket holds `burst` tokens and refills `perSecond` a second.
 *
 * The Node entry keeps these buckets in its process: a deployment with N Node instances
 * allows up to N times the rate. The Worker entry passes its own limiter instead
 * (`AppDeps.limiter`, server/workers/limits.ts): the tenant quota in one Durable Object per
 * tenant (exact across isolates, same bucket arithmetic as `takeTokens`) and the Rate Limiting
 * bindings per client IP and per user. Both answer with the same 429 and Retry-After (`rateLimited`).
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

export interface Bucket {
  tokens: number;
  updatedAt: number;
}

export type TakeOutcome = { ok: true } | { ok: false; retryAfterSeconds: number };

/**
 * The bucket arithmetic, pure so a Durable Object can keep the bucket in its storage: takes
 * `cost` tokens at `now` from `bucket` (absent: full), or says how many whole seconds to
 * wait. A cost above the burst is charged as a full bucket, so it can pass when idle.
 */
export function takeTokens(
  bucket: Bucket | undefined,
  cost: number,
  now: number,
  rate: { perSecond: number; burst: number },
): { bucket: Bucket; outcome: TakeOutcome } {
  const need = Math.min(cost, rate.burst);
  const start = bucket ?? { tokens: rate.burst, updatedAt: now };
  const elapsed = Math.max(0, now - start.updatedAt) / 1000;
  const tokens = Math.min(rate.burst, start.tokens + elapsed * rate.perSecond);
  if (tokens < need) {
    return { bucket: { tokens, updatedAt: now }, outcome: { ok: false, retryAfterSeconds: Math.max(1, Math.ceil((need - tokens) / rate.perSecond)) } };
  }
  return { bucket: { tokens: tokens - need, updatedAt: now }, outcome: { ok: true } };
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
  take(key: string, cost: number, now: number): TakeOutcome {
    const { bucket, outcome } = takeTokens(this.#buckets.get(key), cost, now, this);
    if (outcome.ok && !this.#buckets.has(key) && this.#buckets.size >= MAX_BUCKETS) this.#forgetFull(now);
    this.#buckets.set(key, bucket);
    return outcome;
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

export interface ChargeInput {
  tenantId: string;
  /** The end user (widget events): `{account}:{user}`. */
  userKey?: string;
  /** The caller's IP as the edge saw it (Workers' per-IP abuse guard; Node ignores it). */
  clientIp?: string;
  events: number;
  now: number;
}

export interface IngestionLimiter {
  /** Charges `events` to the tenant and, when given, to the user; throws 429 with Retry-After. */
  charge(input: ChargeInput): void | Promise<void>;
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

/** The one 429 both entries answer: the same code, message form and Retry-After header. */
export function rateLimited(message: string, seconds: number): TenureError {
  return new TenureError("rate_limited", `${message}; retry after ${seconds} s`, { retryAfterSeconds: seconds }, { "Retry-After": String(seconds) });
}

const limiters = new WeakMap<object, IngestionLimiter>();

/**
 * The entry's limiter when it brings one (Workers), else one in-process limiter per app
 * (keyed by its deps), so tests with their own app get their own buckets.
 */
export function limiterFor(deps: { limiter?: IngestionLimiter | undefined; rateLimits?: Partial<RateLimits> | undefined }): IngestionLimiter {
  if (deps.limiter) return deps.limiter;
  let limiter = limiters.get(deps);
  if (!limiter) {
    limiter = createIngestionLimiter(deps.rateLimits);
    limiters.set(deps, limiter);
  }
  return limiter;
}
