import { z } from "zod";

const credentials = {
  publishableKey: z.string().min(1).max(128),
  userToken: z.string().min(1).max(4096),
};

export const bootstrapBody = z.strictObject({ ...credentials, ifNoneMatch: z.string().max(128).optional() });

/** `POST /v1/widget/stream`: the credentials in the body (never the URL, so never in logs). */
export const streamBody = z.strictObject(credentials);

const futureInstantMs = z.int().min(0).max(8_640_000_000_000_000).nullable().optional();
export const preferencesBody = z.strictObject({
  ...credentials,
  bannerDismissedUntil: futureInstantMs,
  modalSnoozedUntil: futureInstantMs,
});

export const widgetSeatsBody = z.strictObject({ ...credentials });
export const widgetSeatReleaseBody = z.strictObject({ ...credentials, userId: z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/) });
