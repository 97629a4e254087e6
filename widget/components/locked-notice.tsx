import type { JSX } from "preact";
import { ids, topLayer } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { RenewButton } from "./renew-button.tsx";

/**
 * After a soft lock is closed or a read-only lock acknowledged (a hard lock never closes):
 * the way out stays in sight.
 */
export function LockedNotice({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { t, data } = ctx;
  const product = data.branding.productName;
  return (
    <section {...topLayer} class="card locked" part="banner" data-state="locked" aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{data.entitlement.lockMode === "read_only" ? t("lockedStrip_read_only", { product }) : t("lockTitle", { product })}</h2>
      <div class="acts">
        <RenewButton ctx={ctx} />
      </div>
    </section>
  );
}
