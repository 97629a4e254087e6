import type { FeatureHost } from "../../lib/feature-host.ts";
import { postWidget } from "../api.ts";

/** The reasons `POST /v1/widget/renewals/decline` takes (`other` needs a detail). */
export const REASONS = ["too_expensive", "missing_feature", "not_used_enough", "switching_product", "budget", "other"] as const;
export type Reason = (typeof REASONS)[number];

/** Sends the answer; true once the server has it. Tells the host and re-syncs so the widget stops asking. */
export async function sendDecline(host: FeatureHost, reason: Reason, detail: string): Promise<boolean> {
  const text = detail.trim().slice(0, 1000);
  const answer = await postWidget(host, "/renewals/decline", { reason, ...(text ? { detail: text } : {}) });
  if (answer.status !== 200 && answer.status !== 201) return false;
  host.emit("renewal", { action: "declined", reason });
  host.sync();
  return true;
}
