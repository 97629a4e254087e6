import type { JSX } from "preact";
import { ids, topLayer } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { Countdown } from "./countdown.tsx";
import { EndTime } from "./end-time.tsx";
import { RenewalSlot } from "./renewal-slot.tsx";
import { RenewButton } from "./renew-button.tsx";

/** Access has ended and grace runs: what happens when it ends, a countdown to it, and the way out. */
export function GraceNotice({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { t, data } = ctx;
  const product = data.branding.productName;
  const end = data.entitlement.graceEndsAt;
  return (
    <section {...topLayer} class="card grace" part="banner" data-state="grace" aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{t("graceTitle", { product })}</h2>
      <p class="m">{t(`graceBody_${data.entitlement.lockMode}`, { product })}</p>
      <Countdown label={t("graceLeft")} to={end} now={ctx.now} locale={ctx.locale} />
      <EndTime ctx={ctx} end={end} message="graceUntil" />
      <RenewalSlot ctx={ctx} />
      <div class="acts">
        <RenewButton ctx={ctx} />
      </div>
    </section>
  );
}
