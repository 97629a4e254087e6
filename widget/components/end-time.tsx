import type { JSX } from "preact";
import type { MessageKey } from "../lib/i18n.ts";
import { formatMinute, zoneLabel } from "../lib/local-time.ts";
import type { WidgetContext } from "./context.ts";

interface Props {
  ctx: WidgetContext;
  /** The exclusive end instant; the last minute shown is the one just before it. */
  end: number;
  /** A message with `{time}` and `{zone}`: a key of the widget's own, or an on-demand part's text. */
  message: MessageKey | ((params: { time: string; zone: string }) => string);
}

/**
 * "Access until 31 Dec 2026 23:59 (China Standard Time · Asia/Shanghai)", and the viewer's own
 * time when their zone shows a different wall clock. The end is exclusive, so its last minute is shown.
 */
export function EndTime({ ctx, end, message }: Props): JSX.Element {
  const zone = ctx.data.account.timezone;
  const last = end - 1;
  const there = formatMinute(last, ctx.locale, zone);
  const viewer = ctx.viewerZone;
  const here = viewer && viewer !== zone ? formatMinute(last, ctx.locale, viewer) : there;
  const named = zoneLabel(last, ctx.locale, zone);
  return (
    <>
      <p>{typeof message === "function" ? message({ time: there, zone: named }) : ctx.t(message, { time: there, zone: named })}</p>
      {here !== there && viewer ? <p class="m">{ctx.t("yourTime", { time: here, zone: zoneLabel(last, ctx.locale, viewer) })}</p> : null}
    </>
  );
}
