import { describe, expect, it } from "vitest";
import { TokenBuckets, createIngestionLimiter } from "./rate-limit.ts";
import { TenureError } from "../../shared/errors.ts";

describe("TokenBuckets", () => {
  it("spends a burst, then refills at the rate, telling how long to wait", () => {
    const buckets = new TokenBuckets(10, 100);
    expect(buckets.take("t", 100, 0)).toEqual({ ok: true });
    expect(buckets.take("t", 25, 0)).toEqual({ ok: false, retryAfterSeconds: 3 });
    expect(buckets.take("t", 25, 2_500)).toEqual({ ok: true });
    expect(buckets.take("other", 100, 2_500)).toEqual({ ok: true });
  });

  it("lets a cost above the burst through when the bucket is full", () => {
    const buckets = new TokenBuckets(1, 10);
    expect(buckets.take("t", 50, 0)).toEqual({ ok: true });
    expect(buckets.take("t", 1, 0).ok).toBe(false);
  });
});

describe("createIngestionLimiter", () => {
  it("throws rate_limited with a Retry-After header, and refunds the user when the tenant is out", () => {
    const limiter = createIngestionLimiter({ tenantBurst: 5, tenantPerSecond: 1, userBurst: 4, userPerSecond: 1 });
    limiter.charge({ tenantId: "t", events: 5, now: 0 });
    let error: unknown;
    try {
      limiter.charge({ tenantId: "t", userKey: "u", events: 4, now: 0 });
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(TenureError);
    expect((error as TenureError).headers).toEqual({ "Retry-After": "4" });
    expect(() => limiter.charge({ tenantId: "t", userKey: "u", events: 4, now: 4_000 })).not.toThrow();
  });
});
