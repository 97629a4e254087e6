/**
 * On-demand part: the banner's "Dismiss" and "Remind me tomorrow". Hidden at once in this
 * page, then saved on the server so the choice follows the user across devices.
 */
import { savePreferences } from "../api/preferences.ts";
import type { FeatureHost } from "../lib/feature-host.ts";
import { startOfLocalDay } from "../lib/local-time.ts";
import { toneAt } from "../lib/tone.ts";

/** Hidden at most until the tone next escalates (or access ends), so a dismissal never hides a louder warning. */
export function hideBanner(host: FeatureHost, limit: number): void {
  const data = host.data();
  if (!data) return;
  const now = host.now();
  const end = data.entitlement.accessEndsAt;
  const { next } = toneAt(end, startOfLocalDay(end - 1, data.account.timezone), now);
  const patch = { bannerDismissedUntil: Math.min(now + limit, next ?? end, end) };
  host.setPreferences(patch);
  const user = host.userKey();
  const token = host.userToken();
  if (!token) return;
  savePreferences(host.base, host.publishableKey, token, patch).then(
    (saved) => {
      if (saved?.sample) host.learn(saved.sample);
      // Only for the same user: a switch meanwhile must not receive the previous one's choice.
      if (saved && user === host.userKey()) host.setPreferences(saved.preferences);
    },
    () => {
      // Not saved: the dismissal still holds in this page.
    },
  );
}
