import type { JSX } from "preact";
import { ids } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { EndTime } from "./end-time.tsx";
import { ModalShell } from "./modal-shell.tsx";
import { RenewButton } from "./renew-button.tsx";

/** `Tenure('open', 'renew')` before anything is locked: when the term ends, and the renew action. */
export function RenewDialog({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { t, data, actions } = ctx;
  return (
    <ModalShell part="renew-dialog" escCloses onDismiss={actions.closePanel}>
      <h2 id={ids.modalTitle}>{t("renewTitle", { product: data.branding.productName })}</h2>
      <div id={ids.modalBody}>
        <EndTime ctx={ctx} end={data.entitlement.accessEndsAt} message="renewEnds" />
      </div>
      {data.renewal.pending ? <p class="m">{t("renewalPending")}</p> : null}
      <div class="acts">
        <RenewButton ctx={ctx} autofocus />
        <button type="button" class="sec" onClick={actions.closePanel}>
          {t("close")}
        </button>
      </div>
    </ModalShell>
  );
}
