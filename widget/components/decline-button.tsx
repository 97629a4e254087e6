import type { JSX } from "preact";
import type { WidgetContext } from "./context.ts";

/** "Don't renew": asks for a reason, once per term, and only of those who may renew. */
export function DeclineButton({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const { canRenew, pending, declined } = ctx.data.renewal;
  if (!canRenew || pending || declined || ctx.host.ui.starting) return null;
  return (
    <button type="button" class="sec" onClick={ctx.actions.decline}>
      {ctx.t("decline")}
    </button>
  );
}
