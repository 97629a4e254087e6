import type { ComponentChildren, JSX } from "preact";
import type { ValueRecap } from "../../../shared/reminders/wire.ts";
import type { WidgetContext } from "../../components/context.ts";
import { formatDay } from "../recap/format.ts";
import { recapText } from "../recap/messages.ts";
import { useRecap } from "../recap/recap-store.ts";

interface Props {
  ctx: WidgetContext;
  /** The banner's exact end of access (the end-time line), placed where the notice needs it. */
  children: ComponentChildren;
}

/**
 * The in-app reminder notice of the tech-touch timeline (30/15/7/1 days), inside the banner:
 * personalised with the team's usage this term. On the last day it is a care message that
 * puts the exact end of access first.
 */
export function Notice({ ctx, children }: Props): JSX.Element {
  const state = useRecap(ctx.host);
  const notice = state.notice;
  if (!notice || !state.recap) return <>{children}</>;
  const t = recapText(ctx.lang);
  const personal = usageSentence(ctx, state.recap);
  if (notice.kind === "last_day") {
    return (
      <div part="notice" data-notice="last_day">
        {children}
        <p>{t("lastDayCare")}</p>
        {personal ? <p class="m">{personal}</p> : null}
      </div>
    );
  }
  // The milestone's `days` is when it fell due, not the time left (the countdown says that).
  return (
    <div part="notice" data-notice={notice.days}>
      {children}
      {personal ? <p class="m">{personal}</p> : null}
    </div>
  );
}

/** "12 people on your team used Planboard since 1 Jan 2026, most of all Reports, Tasks." */
function usageSentence(ctx: WidgetContext, recap: ValueRecap): string {
  if (recap.activeUsers <= 0) return "";
  const t = recapText(ctx.lang);
  const product = ctx.data.branding.productName;
  const people = t(recap.activeUsers === 1 ? "person" : "people", { count: recap.activeUsers, product, date: formatDay(recap.since, ctx.locale) });
  const features = recap.topFeatures.flatMap((f) => (f.label ? [f.label] : [])).join(t("listSeparator"));
  return people + (features ? t("clauseSeparator") + t("mostOf", { features }) : "") + t("sentenceEnd");
}
