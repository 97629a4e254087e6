import type { Db } from "./db/client.ts";
import type { IngestionLimiter, RateLimits } from "./lib/rate-limit.ts";
import type { EventQueue } from "./services/usage/event-queue.ts";
import type { ResolvedKey, TenantContext } from "./services/tenants/resolve-key.ts";
import type { PushHub } from "./services/widget/push-hub.ts";

/** What an entry wires into the app: the database, the clock, and how to serve widget files. */
export interface AppDeps {
  db: Db;
  /** Where to write one JSON line per request (middleware/request-log.ts); none when absent. */
  logRequest?: (line: string) => void;
  /** Milliseconds since the epoch; tests pass a fixed or moving clock. */
  clock: () => number;
  /** Serves built widget files (`widget.js`, `app.js`), or null when absent. */
  assets?: (file: string) => Promise<Response | null>;
  /** Overrides the default key lookup (with its short cache). */
  resolveKey?: (key: string) => Promise<ResolvedKey | null>;
  /**
   * Lets webhook endpoints and the `stripeApi` override point at loopback, private or
   * link-local addresses. Default false: those are refused at registration and at send
   * (SSRF). Only tests and local demos that talk to 127.0.0.1 set it.
   */
  allowPrivateWebhookTargets?: boolean;
  /** This server's public origin (`PUBLIC_URL`): the `iss` of entitlement tokens. Defaults to the request's origin. */
  publicUrl?: string;
  /** Ingestion rate limits (events per second and burst, per tenant and per user); see lib/rate-limit.ts. */
  rateLimits?: Partial<RateLimits>;
  /** Replaces the in-process buckets (Workers: a Durable Object per tenant + the Rate Limiting binding). */
  limiter?: IngestionLimiter;
  /**
   * When set, `POST /v1/events` validates, enqueues and answers 202 without writing; a queue
   * consumer writes (Workers: Cloudflare Queues). Unset, the route writes synchronously (Node).
   */
  eventQueue?: EventQueue;
  /** Holds the widgets' push streams; default: this process's (Workers: a Durable Object per tenant). */
  push?: PushHub;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    resolveKey: (key: string) => Promise<ResolvedKey | null>;
    tenant: TenantContext;
    keyId: string;
  };
}
