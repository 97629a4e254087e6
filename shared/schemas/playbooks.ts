import { z } from "zod";
import { DECLINE_REASONS } from "./renewals.ts";

const credentials = {
  publishableKey: z.string().min(1).max(128),
  userToken: z.string().min(1).max(4096),
};
const offerId = z.string().regex(/^ofr_[1-9A-HJ-NP-Za-km-z]{16}$/, "must be an offer id");

/** `POST /v1/widget/offers`: the reason just picked in the decline flow; answers the matching offer, if any. */
export const widgetOfferBody = z.strictObject({ ...credentials, reason: z.enum(DECLINE_REASONS) });

/** `POST /v1/widget/offers/accept`. */
export const widgetOfferAcceptBody = z.strictObject({ ...credentials, offerId });

/** `POST /v1/widget/nps`: whether to ask this user now. */
export const widgetNpsStatusBody = z.strictObject({ ...credentials });

/** `POST /v1/widget/nps/answer`: a score 0–10 with an optional comment, or `dismissed: true`. */
export const widgetNpsAnswerBody = z
  .strictObject({
    ...credentials,
    score: z.int().min(0).max(10).optional(),
    comment: z.string().trim().min(1).max(1000).optional(),
    dismissed: z.literal(true).optional(),
  })
  .refine((body) => (body.score === undefined) !== (body.dismissed === undefined), { message: "give a score 0–10, or dismissed: true", path: ["score"] })
  .refine((body) => body.comment === undefined || body.score !== undefined, { message: "a comment goes with a score", path: ["comment"] });
