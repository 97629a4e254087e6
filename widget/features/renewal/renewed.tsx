import type { JSX } from "preact";
import type { WidgetContext } from "../../components/context.ts";
import { ids, topLayer } from "../../components/context.ts";
import { formatMinute, zoneLabel } from "../../lib/local-time.ts";
import { renewalText } from "./messages.ts";

/** The store key the session sets when a pending renewal completed in this page. */
export const RENEWED_KEY = "renewed";

/** Once, after a renewal completed while the page was open: "Renewed until …", to the minute. */
export function Renewed({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const t = renewalText(ctx.lang);
  const zone = ctx.data.account.timezone;
  const end = ctx.data.entitlement.contractEndsAt - 1;
  const close = (): void => {
    delete ctx.host.store[RENEWED_KEY];
    ctx.host.render();
  };
  return (
    <section {...topLayer} class="card" part="renewed" data-state="renewed" role="status" aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{t("renewedUntil", { time: formatMinute(end, ctx.locale, zone), zone: zoneLabel(end, ctx.locale, zone) })}</h2>
      <div class="acts">
        <button type="button" class="sec" onClick={close}>
          {t("close")}
        </button>
      </div>
    </section>
  );
}
