import type { JSX } from "preact";
import { chunk } from "../lib/lazy.ts";
import type { WidgetContext } from "./context.ts";
import { Guard } from "./guard.tsx";

/**
 * Where a started renewal shows how it stands (the hold, an invoice to pay, the way back to
 * checkout, or what went wrong). The details load on demand; until then, a plain line.
 */
export function RenewalSlot({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const pending = ctx.data.renewal.pending;
  if (!pending && !ctx.host.store.renewal) return null;
  const part = chunk("renewal");
  if (part) {
    return (
      <Guard>
        <part.RenewalStatus ctx={ctx} />
      </Guard>
    );
  }
  return pending ? <p class="m">{ctx.t("renewalPending")}</p> : null;
}
