import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import type { ClockSample } from "../lib/clock.ts";
import { sampleOf } from "./bootstrap.ts";
import { timedPost } from "./http.ts";

export type Preferences = BootstrapResponse["preferences"];

export interface PreferencesPatch {
  bannerDismissedUntil?: number | null;
  modalSnoozedUntil?: number | null;
}

/** Saves the user's banner dismissal on the server (remembered per user across devices). Null when it failed. */
export async function savePreferences(
  base: string,
  publishableKey: string,
  userToken: string,
  patch: PreferencesPatch,
): Promise<{ preferences: Preferences; sample: ClockSample | null } | null> {
  const timed = await timedPost(base + "/v1/widget/preferences", { publishableKey, userToken, ...patch });
  if (!timed || !timed.res.ok) return null;
  try {
    const body = (await timed.res.json()) as { preferences?: Preferences };
    return body.preferences ? { preferences: body.preferences, sample: sampleOf(timed) } : null;
  } catch {
    return null;
  }
}
