import type { JSX } from "preact";
import type { WidgetContext } from "../../components/context.ts";
import { formatMinute } from "../../lib/local-time.ts";
import { seatsText } from "./messages.ts";

/** The plan's features with their limits; metered ones with their use and when it resets (minute and zone). */
export function FeatureList({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const features = Object.entries(ctx.data.features ?? {});
  if (features.length === 0) return null;
  const t = seatsText(ctx.lang);
  const zone = ctx.data.account.timezone;
  return (
    <div class="features">
      <h3>{t("featuresTitle")}</h3>
      <ul>
        {features.map(([key, f]) => (
          <li key={key} data-feature={key} data-enabled={String(f.enabled)}>
            <span>{key}</span>
            <span class="m">
              {!f.enabled
                ? t("featureOff")
                : f.used !== undefined && f.limit !== undefined
                  ? t("featureUsed", { used: f.used, limit: f.limit }) +
                    (f.resetsAt !== undefined ? " · " + t("featureResets", { time: formatMinute(f.resetsAt, ctx.locale, zone), zone }) : "")
                  : f.limit !== undefined
                    ? t("featureLimit", { limit: f.limit })
                    : t("featureOn")}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
