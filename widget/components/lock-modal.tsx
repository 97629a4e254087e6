import type { JSX } from "preact";
import { ids } from "./context.ts";
import type { WidgetContext } from "./context.ts";
import { ModalShell } from "./modal-shell.tsx";
import { EndTime } from "./end-time.tsx";
import { DeclineButton } from "./decline-button.tsx";
import { RenewalSlot } from "./renewal-slot.tsx";
import { RenewButton } from "./renew-button.tsx";

/**
 * After grace: `soft` closes (ESC too) and returns later, `read_only` closes only by its
 * button (the host has been told to disable writes), `hard` cannot be closed. In the last two,
 * ESC tells screen readers why the dialog stays.
 */
export function LockModal({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const { t, data, actions } = ctx;
  const mode = data.entitlement.lockMode;
  const product = data.branding.productName;
  const email = data.branding.supportEmail;
  return (
    <ModalShell part="lock-modal" escCloses={mode === "soft"} onDismiss={actions.closeSoftLock}>
      <div data-state="locked" data-lock-mode={mode}>
        <h2 id={ids.modalTitle}>{t("lockTitle", { product })}</h2>
        <p id={ids.modalBody}>{t(`lockBody_${mode}`, { product })}</p>
        <EndTime ctx={ctx} end={data.entitlement.accessEndsAt} message="accessEnded" />
        <RenewalSlot ctx={{ ...ctx, where: "dialog" }} />
        {email ? (
          <p class="m">
            {t("contactSupport", { email: "" })}
            <a href={"mailto:" + email}>{email}</a>
          </p>
        ) : null}
        <div class="acts">
          <RenewButton ctx={ctx} autofocus />
          {mode === "soft" ? (
            <button type="button" class="sec" onClick={actions.closeSoftLock}>
              {t("notNow")}
            </button>
          ) : null}
          {mode === "read_only" ? (
            <button type="button" class="sec" onClick={actions.acknowledgeReadOnly}>
              {t("continueReadOnly")}
            </button>
          ) : null}
          <DeclineButton ctx={ctx} />
        </div>
        {mode === "soft" ? null : <p class="sr" role="status" data-esc={t(`escape_${mode}`)} />}
      </div>
    </ModalShell>
  );
}
