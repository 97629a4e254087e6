import type { JSX } from "preact";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { seatsText } from "./messages.ts";

/** The seat policy left this user without a seat: say so plainly, and who can fix it. */
export function NoSeatNotice({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const t = seatsText(ctx.lang);
  return (
    <section class="card" part="banner" data-seat="none" role="status" aria-labelledby={ids.cardTitle}>
      <h2 id={ids.cardTitle}>{t("noSeatTitle")}</h2>
      <p>{t("noSeatBody", { product: ctx.data.branding.productName })}</p>
    </section>
  );
}
