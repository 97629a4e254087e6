import type { JSX } from "preact";
import type { WidgetContext } from "./context.ts";

interface Props {
  ctx: WidgetContext;
  autofocus?: boolean;
}

/**
 * The way out, in every variant. Without a renewal URL, or for a role the vendor does not
 * let renew, it says who can renew instead of showing a button that leads nowhere.
 */
export function RenewButton({ ctx, autofocus }: Props): JSX.Element {
  const { url, canRenew } = ctx.data.renewal;
  if (!url || !canRenew) return <span class="m">{ctx.t("noRenewUrl")}</span>;
  return (
    <button type="button" class="pri" part="renew-button" autofocus={autofocus} onClick={ctx.actions.renew}>
      {ctx.t("renew")}
    </button>
  );
}
