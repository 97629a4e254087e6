import type { JSX } from "preact";
import type { WidgetContext } from "../../components/context.ts";
import { formatDate, formatDay } from "./format.ts";
import { recapText } from "./messages.ts";
import { useRecap } from "./recap-store.ts";
import { RECAP_CSS } from "./styles.ts";

/** The value delivered this term (seed 001: at renewal, show the value, not just a price). */
export function ValueRecap({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  ctx.host.addStyles(RECAP_CSS);
  const t = recapText(ctx.lang);
  const state = useRecap(ctx.host);
  if (state.status === "failed") return null;
  const recap = state.recap;
  if (!recap)
    return (
      <p class="m" aria-busy="true">
        {t("loading")}
      </p>
    );
  const number = new Intl.NumberFormat(ctx.locale);
  const features = recap.topFeatures.flatMap((f) => (f.label ? [f.label] : [])).join(t("listSeparator"));
  const reached = recap.firstValueReachedAt;
  return (
    <section class="recap" part="recap" aria-labelledby="tw-recap-title">
      <h3 id="tw-recap-title">{t("title")}</h3>
      <p class="m">{t("since", { date: formatDay(recap.since, ctx.locale) })}</p>
      <dl>
        <dt>{t("activeUsers")}</dt>
        <dd data-recap="active-users">{number.format(recap.activeUsers)}</dd>
        <dt>{t("sessions")}</dt>
        <dd>{number.format(recap.sessions)}</dd>
        {features ? <dt>{t("topFeatures")}</dt> : null}
        {features ? <dd data-recap="top-features">{features}</dd> : null}
        <dt>{t("firstValue")}</dt>
        <dd data-recap="first-value">{reached ? t("reachedOn", { date: formatDate(reached, ctx.locale, ctx.data.account.timezone) }) : t("notYet")}</dd>
      </dl>
    </section>
  );
}
