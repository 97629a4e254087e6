import type { JSX } from "preact";
import { ids } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { RenewButton } from "./renew-button.tsx";

/** After a soft lock is closed or a read-only lock acknowledged: the way out stays in sight. */
export function LockedNotice({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { t, data } = ctx;
  return (
    <section class="card locked" part="banner" data-state="locked" aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{t(`lockedStrip_${data.entitlement.lockMode}`, { product: data.branding.productName })}</h2>
      <div class="acts">
        <RenewButton ctx={ctx} />
      </div>
    </section>
  );
}
