import { z } from "zod";
import { DEFAULT_RATE_LIMITS, rateLimited } from "../lib/rate-limit.ts";
import type { IngestionLimiter } from "../lib/rate-limit.ts";
import type { DurableObjectNamespace, RateLimitBinding } from "./bindings.ts";

/** wrangler.toml's `[[ratelimits]] simple.period`: the binding does not say how long to wait. */
export const ABUSE_GUARD_PERIOD_SECONDS = 10;

/**
 * The Worker's ingestion limiter. First the abuse guard, the Rate Limiting binding keyed by
 * end user (widget) or client IP (server API): cheap, per Cloudflare location, counting
 * requests. Then the tenant's exact quota in its own Durable Object, counting events. Either
 * refusal is the same 429 with Retry-After the Node entry answers.
 */
export function createWorkersLimiter(bindings: {
  quota?: DurableObjectNamespace | undefined;
  guard?: RateLimitBinding | undefined;
  perSecond: number;
  burst: number;
}): IngestionLimiter {
  const { quota, guard, perSecond, burst } = bindings;
  return {
    async charge({ tenantId, userKey, clientIp, events }) {
      const guardKey = userKey !== undefined ? `user:${tenantId}:${userKey}` : clientIp ? `ip:${clientIp}` : undefined;
      if (guard && guardKey) {
        const { success } = await guard.limit({ key: guardKey });
        if (!success) {
          const who = userKey !== undefined ? "this user is sending events too fast" : "too many requests from this address";
          throw rateLimited(who, ABUSE_GUARD_PERIOD_SECONDS);
        }
      }
      if (!quota) return;
      const stub = quota.get(quota.idFromName(tenantId));
      const response = await stub.fetch("https://tenant-quota/charge", {
        method: "POST",
        body: JSON.stringify({ cost: events, perSecond, burst }),
      });
      if (!response.ok) throw new Error(`tenant quota answered ${response.status}`);
      const outcome = (await response.json()) as { ok: boolean; retryAfterSeconds?: number };
      if (!outcome.ok) throw rateLimited("too many events for this tenant", outcome.retryAfterSeconds ?? 1);
    },
  };
}

const quotaVars = z.object({
  TENANT_EVENTS_PER_SECOND: z.coerce.number().positive().default(DEFAULT_RATE_LIMITS.tenantPerSecond),
  TENANT_EVENTS_BURST: z.coerce.number().positive().default(DEFAULT_RATE_LIMITS.tenantBurst),
});

/** The tenant quota from wrangler.toml's [vars]; the Node defaults when unset. Bad values fail the boot. */
export function quotaFromEnv(env: Record<string, unknown>): { perSecond: number; burst: number } {
  const vars = quotaVars.parse({ TENANT_EVENTS_PER_SECOND: env.TENANT_EVENTS_PER_SECOND, TENANT_EVENTS_BURST: env.TENANT_EVENTS_BURST });
  return { perSecond: vars.TENANT_EVENTS_PER_SECOND, burst: vars.TENANT_EVENTS_BURST };
}
