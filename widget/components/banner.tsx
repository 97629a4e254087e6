import type { JSX } from "preact";
import type { Tone } from "../lib/tone.ts";
import { ids } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { Countdown } from "./countdown.tsx";
import { EndTime } from "./end-time.tsx";
import { RenewButton } from "./renew-button.tsx";

interface Props {
  ctx: WidgetContext;
  tone: Tone;
}

/** The `expiring` window: the exact end, a countdown, and a tone that rises as the end nears. */
export function Banner({ ctx, tone }: Props): JSX.Element {
  const { t, data } = ctx;
  const product = data.branding.productName;
  const end = data.entitlement.accessEndsAt;
  return (
    <section class={"card " + tone} part="banner" data-state="expiring" data-tone={tone} aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{t(tone === "critical" ? "lastDayTitle" : "expiringTitle", { product })}</h2>
      <EndTime ctx={ctx} end={end} message="accessUntil" />
      <Countdown label={t("timeLeft")} to={end} now={ctx.now} locale={ctx.locale} />
      {data.renewal.pending ? <p class="m">{t("renewalPending")}</p> : null}
      <div class="acts">
        <RenewButton ctx={ctx} />
        <button type="button" class="sec" onClick={ctx.actions.snoozeBanner}>
          {t("remindTomorrow")}
        </button>
      </div>
      <button type="button" class="x" aria-label={t("dismiss")} title={t("dismiss")} onClick={ctx.actions.dismissBanner}>
        ×
      </button>
    </section>
  );
}
