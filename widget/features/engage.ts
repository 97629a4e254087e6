/**
 * On-demand part started once Tenure answers: server push (live/stream.ts), usage signals
 * (`Tenure('track', …)` delivered in batches and by beacon) and the onboarding checklist's data, which re-reads itself
 * after each delivery so a step ticks soon after the event that completes it; and the NPS question. The
 * checklist's view and the NPS question are parts of their own, loaded only when there is one to show.
 */
import type { FeatureHost } from "../lib/feature-host.ts";
import { startChecklist } from "./checklist/checklist-store.ts";
import { startUsage } from "./usage/usage.ts";
import { startStream } from "./live/stream.ts";
import { startNps } from "./nps/nps-store.ts";

export { Engaged } from "./engaged.tsx";

/** Starts all three for the signed-in user; returns the way to stop them (sign-out, user switch). */
export function start(host: FeatureHost): () => void {
  const stopStream = startStream(host);
  const stopNps = startNps(host);
  const checklist = startChecklist(host);
  const stopUsage = startUsage(host, {
    watched: () => host.ui.checklist,
    flushed: (completed) => (completed > 0 || host.ui.checklist) && checklist.state.refresh(),
  });
  return () => {
    stopStream();
    stopNps();
    stopUsage();
    checklist.stop();
  };
}
