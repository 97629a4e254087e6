import type { JSX } from "preact";
import { chunk } from "../lib/lazy.ts";
import type { Tone } from "../lib/tone.ts";
import { ids, topLayer } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { Countdown } from "./countdown.tsx";
import { DeclineButton } from "./decline-button.tsx";
import { EndTime } from "./end-time.tsx";
import { formatDay } from "../lib/local-time.ts";
import { Guard } from "./guard.tsx";
import { RenewalSlot } from "./renewal-slot.tsx";
import { RenewButton } from "./renew-button.tsx";

interface Props {
  ctx: WidgetContext;
  tone: Tone;
}

/**
 * The `expiring` window: the exact end, a countdown, and a tone that rises as the end nears.
 * The reminder notice (personalised with this term's usage) joins it once loaded; while a
 * renewal is pending, the banner is about the hold instead.
 */
export function Banner({ ctx, tone }: Props): JSX.Element {
  const { t, data } = ctx;
  const product = data.branding.productName;
  const end = data.entitlement.accessEndsAt;
  const pending = !!data.renewal.pending;
  // Another admin answered "don't renew": say who, and keep the way to renew.
  const declinedBy = data.renewal.declinedBy;
  const shown = pending ? "notice" : tone;
  const endTime = <EndTime ctx={ctx} end={end} message="accessUntil" />;
  const notice = pending ? null : chunk("notice");
  return (
    <section {...topLayer} class={"card " + shown} part="banner" data-state="expiring" data-tone={shown} aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{pending ? t("renewalPending") : t(tone === "critical" ? "lastDayTitle" : "expiringTitle", { product })}</h2>
      {pending ? null : notice ? (
        <Guard fallback={endTime}>
          <notice.Notice ctx={ctx}>{endTime}</notice.Notice>
        </Guard>
      ) : (
        endTime
      )}
      {/* While a renewal is pending, the end shown is the hold's: the renewal status lists it as such. */}
      {pending ? null : <Countdown label={t("timeLeft")} to={end} now={ctx.now} locale={ctx.locale} />}
      {declinedBy ? <p class="m">{t("declinedBy", { name: declinedBy.name, date: formatDay(declinedBy.at, ctx.locale, data.account.timezone) })}</p> : null}
      <RenewalSlot ctx={ctx} />
      <div class="acts">
        <RenewButton ctx={ctx} />
        {pending ? null : (
          <button type="button" class="sec" onClick={ctx.actions.snoozeBanner}>
            {t("remindTomorrow")}
          </button>
        )}
        <DeclineButton ctx={ctx} />
      </div>
      <button type="button" class="x" aria-label={t("dismiss")} title={t("dismiss")} onClick={ctx.actions.dismissBanner}>
        ×
      </button>
    </section>
  );
}
