import { resolveHost } from "../../lib/resolve-host.ts";
import type { ResolveHost } from "../../lib/resolve-host.ts";

/** What scheduled jobs need from the outside world; tests and entries may replace parts. */
export interface SchedulerDeps {
  fetch: typeof fetch;
  resolveHost: ResolveHost;
  /** See `AppDeps.allowPrivateWebhookTargets`: false refuses inward targets at send time too. */
  allowPrivateWebhookTargets: boolean;
}

export function schedulerDeps(overrides: Partial<SchedulerDeps> = {}): SchedulerDeps {
  return {
    fetch: (input, init) => fetch(input, init),
    resolveHost,
    allowPrivateWebhookTargets: false,
    ...overrides,
  };
}
