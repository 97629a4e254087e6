import { z } from "zod";
import { DEFAULT_RATE_LIMITS, rateLimited } from "../lib/rate-limit.ts";
import type { IngestionLimiter } from "../lib/rate-limit.ts";
import type { DurableObjectNamespace, RateLimitBinding } from "./bindings.ts";

/** wrangler.toml's `[[ratelimits]] simple.period` of each guard: the binding does not say how long to wait. */
export const USER_GUARD_PERIOD_SECONDS = 10;
export const IP_GUARD_PERIOD_SECONDS = 60;

/**
 * The Worker's ingestion limiter, in three steps, cheapest first:
 * 1. the per-IP abuse guard (Rate Limiting binding keyed by the client IP the edge saw), for
 *    every ingestion request, widget or server: one address flooding stops here;
 * 2. the per-user guard (another binding, keyed by tenant and end user), for widget events;
 * 3. the tenant's exact quota in its own Durable Object, counting events.
 * The guards count requests per Cloudflare location; the quota is exact. Every refusal is the
 * same 429 with Retry-After the Node entry answers.
 */
export function createWorkersLimiter(bindings: {
  quota?: DurableObjectNamespace | undefined;
  userGuard?: RateLimitBinding | undefined;
  ipGuard?: RateLimitBinding | undefined;
  perSecond: number;
  burst: number;
}): IngestionLimiter {
  const { quota, userGuard, ipGuard, perSecond, burst } = bindings;
  return {
    async charge({ tenantId, userKey, clientIp, events }) {
      if (ipGuard && clientIp) {
        const { success } = await ipGuard.limit({ key: `ip:${clientIp}` });
        if (!success) throw rateLimited("too many requests from this address", IP_GUARD_PERIOD_SECONDS);
      }
      if (userGuard && userKey !== undefined) {
        const { success } = await userGuard.limit({ key: `user:${tenantId}:${userKey}` });
        if (!success) throw rateLimited("this user is sending events too fast", USER_GUARD_PERIOD_SECONDS);
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
