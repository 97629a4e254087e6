import type { JSX } from "preact";
import { useState } from "../../lib/hooks.ts";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { ModalShell } from "../../components/modal-shell.tsx";
import type { OfferView } from "../../../shared/offers/wire.ts";
import { declineText } from "./messages.ts";
import { OfferAccepted, OfferStep } from "./offer-step.tsx";
import { REASONS, acceptOffer, fetchOffer, sendDecline } from "./send.ts";
import type { Reason } from "./send.ts";
import { DECLINE_CSS } from "./styles.ts";

type Phase = "asking" | "sending" | "failed" | "offer" | "accepting" | "acceptFailed" | "accepted" | "thanked";

/**
 * "Don't renew": asks why (a reason, and more words for "other"); when the vendor has an
 * offer for that reason, shows it first (accepting it is not a decline); then sends the
 * answer and thanks.
 */
export function DeclineDialog({ ctx }: { ctx: WidgetContext }): JSX.Element {
  ctx.host.addStyles(DECLINE_CSS);
  const t = declineText(ctx.lang);
  const product = ctx.data.branding.productName;
  const [reason, setReason] = useState<Reason | null>(null);
  const [detail, setDetail] = useState("");
  const [phase, setPhase] = useState<Phase>("asking");
  const [problem, setProblem] = useState<"pickReason" | "needDetail" | null>(null);
  const [offer, setOffer] = useState<OfferView | null>(null);
  const close = ctx.actions.closePanel;

  function decline(offerId?: string): void {
    setPhase("sending");
    void sendDecline(ctx.host, reason!, detail, offerId).then((sent) => setPhase(sent ? "thanked" : "failed"));
  }

  if (offer && phase === "accepted") return <OfferAccepted ctx={ctx} offer={offer} />;
  if (offer && (phase === "offer" || phase === "accepting" || phase === "acceptFailed")) {
    const accept = (): void => {
      setPhase("accepting");
      void acceptOffer(ctx.host, offer).then((accepted) => {
        if (accepted) setOffer(accepted);
        setPhase(accepted ? "accepted" : "acceptFailed");
      });
    };
    return (
      <OfferStep ctx={ctx} offer={offer} busy={phase === "accepting"} failed={phase === "acceptFailed"} onAccept={accept} onDecline={() => decline(offer.id)} />
    );
  }

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
    // An offer is asked for once; after it was turned down (or a failed send), this declines.
    if (offer) return decline(offer.id);
    setPhase("sending");
    void fetchOffer(ctx.host, reason).then((found) => {
      if (!found) return decline();
      setOffer(found);
      setPhase("offer");
    });
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
