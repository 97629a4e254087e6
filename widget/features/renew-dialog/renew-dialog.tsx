import type { JSX } from "preact";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { DeclineButton } from "../../components/decline-button.tsx";
import { EndTime } from "../../components/end-time.tsx";
import { ModalShell } from "../../components/modal-shell.tsx";
import { RenewalSlot } from "../../components/renewal-slot.tsx";
import { RenewButton } from "../../components/renew-button.tsx";
import { ValueRecap } from "../recap/value-recap.tsx";
import { renewDialogText } from "./messages.ts";

/**
 * `Tenure('open', 'renew')`, and where a started renewal stands once the hold lifts the lock:
 * when the term ends, the value it delivered, and the renew action.
 */
export function RenewDialog({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { data, actions } = ctx;
  const t = renewDialogText(ctx.lang);
  return (
    <ModalShell part="renew-dialog" escCloses onDismiss={actions.closePanel}>
      <h2 id={ids.modalTitle}>{t("title", { product: data.branding.productName })}</h2>
      <div id={ids.modalBody}>
        {/* While a renewal is pending, access ends with the hold: the status lists both ends, labelled. */}
        {data.renewal.pending ? null : <EndTime ctx={ctx} end={data.entitlement.accessEndsAt} message={(params) => t("ends", params)} />}
        <RenewalSlot ctx={{ ...ctx, where: "dialog" }} />
      </div>
      <ValueRecap ctx={ctx} />
      <div class="acts">
        <RenewButton ctx={ctx} autofocus />
        <DeclineButton ctx={ctx} />
        <button type="button" class="sec" onClick={actions.closePanel}>
          {t("close")}
        </button>
      </div>
    </ModalShell>
  );
}
