import type { JSX } from "preact";
import { useState } from "preact/hooks";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { ModalShell } from "../../components/modal-shell.tsx";
import { declineText } from "./messages.ts";
import { REASONS, sendDecline } from "./send.ts";
import type { Reason } from "./send.ts";
import { DECLINE_CSS } from "./styles.ts";

type Phase = "asking" | "sending" | "failed" | "thanked";

/** "Don't renew": asks why (a reason, and more words for "other"), sends it, and thanks. */
export function DeclineDialog({ ctx }: { ctx: WidgetContext }): JSX.Element {
  ctx.host.addStyles(DECLINE_CSS);
  const t = declineText(ctx.lang);
  const product = ctx.data.branding.productName;
  const [reason, setReason] = useState<Reason | null>(null);
  const [detail, setDetail] = useState("");
  const [phase, setPhase] = useState<Phase>("asking");
  const [problem, setProblem] = useState<"pickReason" | "needDetail" | null>(null);
  const close = ctx.actions.closePanel;

  if (phase === "thanked") {
    return (
      <ModalShell part="decline-dialog" escCloses onDismiss={close}>
        <h2 id={ids.modalTitle}>{t("thanksTitle")}</h2>
        <p id={ids.modalBody} role="status">
          {t("thanks", { product })}
        </p>
        <div class="acts">
          <button type="button" class="pri" autofocus onClick={close}>
            {t("close")}
          </button>
        </div>
      </ModalShell>
    );
  }

  function submit(event: Event): void {
    event.preventDefault();
    if (!reason) return setProblem("pickReason");
    if (reason === "other" && !detail.trim()) return setProblem("needDetail");
    setProblem(null);
    setPhase("sending");
    void sendDecline(ctx.host, reason, detail).then((sent) => setPhase(sent ? "thanked" : "failed"));
  }

  const needsDetail = reason === "other";
  return (
    <ModalShell part="decline-dialog" escCloses onDismiss={close}>
      <form onSubmit={submit} noValidate>
        <h2 id={ids.modalTitle}>{t("title")}</h2>
        <p id={ids.modalBody} class="m">
          {t("intro", { product })}
        </p>
        <fieldset aria-describedby={problem === "pickReason" ? "tw-decline-err" : undefined}>
          <legend>{t("legend")}</legend>
          {REASONS.map((value) => (
            <label class="opt" key={value}>
              <input type="radio" name="reason" value={value} checked={reason === value} onChange={() => setReason(value)} />
              <span>{t(value)}</span>
            </label>
          ))}
        </fieldset>
        <label class="fld" for="tw-decline-detail">
          {t(needsDetail ? "detail" : "detailOptional")}
        </label>
        <textarea
          id="tw-decline-detail"
          maxLength={1000}
          value={detail}
          aria-invalid={problem === "needDetail"}
          aria-describedby={problem === "needDetail" ? "tw-decline-err" : undefined}
          onInput={(event) => setDetail((event.currentTarget as HTMLTextAreaElement).value)}
        />
        {problem || phase === "failed" ? (
          <p id="tw-decline-err" class="err" role="alert">
            {t(problem ?? "failed")}
          </p>
        ) : null}
        <div class="acts">
          <button type="submit" class="pri" disabled={phase === "sending"}>
            {t(phase === "sending" ? "sending" : "send")}
          </button>
          <button type="button" class="sec" onClick={close}>
            {t("cancel")}
          </button>
        </div>
      </form>
    </ModalShell>
  );
}
