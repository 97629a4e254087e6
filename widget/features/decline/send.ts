import type { OfferView } from "../../../shared/offers/wire.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { postWidget } from "../api.ts";

/** The reasons `POST /v1/widget/renewals/decline` takes (`other` needs a detail). */
export const REASONS = ["too_expensive", "missing_feature", "not_used_enough", "switching_product", "budget", "other"] as const;
export type Reason = (typeof REASONS)[number];

/** Sends the answer; true once the server has it. Tells the host and re-syncs so the widget stops asking. */
export async function sendDecline(host: FeatureHost, reason: Reason, detail: string, offerId?: string): Promise<boolean> {
  const text = detail.trim().slice(0, 1000);
  const answer = await postWidget(host, "/renewals/decline", { reason, ...(text ? { detail: text } : {}), ...(offerId ? { offerId } : {}) });
  if (answer.status !== 200 && answer.status !== 201) return false;
  host.emit("renewal", { action: "declined", reason });
  host.sync();
  return true;
}

/** The vendor's offer for the reason, if there is one to show; null otherwise (or when Tenure is unreachable: the decline goes on). */
export async function fetchOffer(host: FeatureHost, reason: Reason): Promise<OfferView | null> {
  const answer = await postWidget<{ offer: OfferView | null }>(host, "/offers", { reason });
  return answer.status === 201 ? (answer.body?.offer ?? null) : null;
}

/** Accepts the offer; the accepted offer, or null when it did not go through. Re-syncs: access or features may have changed. */
export async function acceptOffer(host: FeatureHost, offer: OfferView): Promise<OfferView | null> {
  const answer = await postWidget<{ offer: OfferView }>(host, "/offers/accept", { offerId: offer.id });
  if (answer.status !== 200 || !answer.body) return null;
  host.sync();
  return answer.body.offer;
}
