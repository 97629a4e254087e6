import { resolveHost } from "../../lib/resolve-host.ts";
import type { ResolveHost } from "../../lib/resolve-host.ts";
import { fetchPost } from "../webhooks/post.ts";
import type { WebhookPost } from "../webhooks/post.ts";
import type { SendPool } from "../webhooks/send-pool.ts";

/** What scheduled jobs need from the outside world; tests and entries may replace parts. */
export interface SchedulerDeps {
  /** Sends one webhook request; Node passes `pinnedPost`, which connects to the checked address. */
  post: WebhookPost;
  resolveHost: ResolveHost;
  /** See `AppDeps.allowPrivateWebhookTargets`: false refuses inward targets at send time too. */
  allowPrivateWebhookTargets: boolean;
  /**
   * Where webhook sends run. With a pool the tick hands sends over and goes on (Node's
   * interval); without one the tick waits for the sends it started (a Workers cron run, tests).
   */
  sends?: SendPool;
}

export function schedulerDeps(overrides: Partial<SchedulerDeps> = {}): SchedulerDeps {
  return {
    post: fetchPost(),
    resolveHost,
    allowPrivateWebhookTargets: false,
    ...overrides,
  };
}
