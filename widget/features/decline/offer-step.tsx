import type { JSX } from "preact";
import type { OfferView } from "../../../shared/offers/wire.ts";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { ModalShell } from "../../components/modal-shell.tsx";
import { formatMinute } from "../../lib/local-time.ts";
import { formatDay } from "../recap/format.ts";
import { formatMoney } from "../renewal/money.ts";
import { offerText } from "./offer-messages.ts";

interface Props {
  ctx: WidgetContext;
  offer: OfferView;
  busy: boolean;
  failed: boolean;
  onAccept: () => void;
  onDecline: () => void;
}

/**
 * The decline flow's offer step: what the vendor offers for the reason just picked, in exact
 * dates and amounts in the contract's zone, to accept or turn down (which still declines).
 */
export function OfferStep({ ctx, offer, busy, failed, onAccept, onDecline }: Props): JSX.Element {
  const t = offerText(ctx.lang);
  return (
    <ModalShell part="offer" escCloses={false}>
      <h2 id={ids.modalTitle}>{t("title")}</h2>
      <p id={ids.modalBody} data-offer={offer.kind}>
        {offerSentence(ctx, offer)}
      </p>
      <p class="m">{t("zone", { zone: offer.facts.timezone })}</p>
      {failed ? (
        <p class="err" role="alert">
          {t("failed")}
        </p>
      ) : null}
      <div class="acts">
        <button type="button" class="pri" disabled={busy} onClick={onAccept}>
          {t(busy ? "accepting" : "accept")}
        </button>
        <button type="button" class="sec" disabled={busy} onClick={onDecline}>
          {t("noThanks")}
        </button>
      </div>
    </ModalShell>
  );
}

/** After accepting: what changed now, or that it comes with the renewal (and the way to renew). */
export function OfferAccepted({ ctx, offer }: { ctx: WidgetContext; offer: OfferView }): JSX.Element {
  const t = offerText(ctx.lang);
  const now = offer.kind === "extension" || offer.kind === "upgrade_trial";
  const close = ctx.actions.closePanel;
  return (
    <ModalShell part="offer" escCloses onDismiss={close}>
      <h2 id={ids.modalTitle}>{t("acceptedTitle")}</h2>
      <p id={ids.modalBody} role="status">
        {now ? t("appliedNow", { effect: offerSentence(ctx, offer) }) : offerSentence(ctx, offer)}
      </p>
      {now ? null : <p>{t("appliedOnRenewal")}</p>}
      <div class="acts">
        {now || !ctx.data.renewal.canRenew ? null : (
          <button type="button" class="pri" onClick={ctx.actions.renew}>
            {t("renew")}
          </button>
        )}
        <button type="button" class={now ? "pri" : "sec"} autofocus={now} onClick={close}>
          {t("close")}
        </button>
      </div>
    </ModalShell>
  );
}

/** The offer in one sentence, with its dates in the contract's zone (the last minute of access, as the banner shows it). */
function offerSentence(ctx: WidgetContext, offer: OfferView): string {
  const t = offerText(ctx.lang);
  const f = offer.facts;
  const zone = f.timezone;
  const minute = (instant: number | null | undefined): string => (instant == null ? "" : formatMinute(instant - 1, ctx.locale, zone));
  const span = f.nextTerm ? { start: formatDay(f.nextTerm.startDate, ctx.locale), end: formatDay(f.nextTerm.endDate, ctx.locale) } : { start: "", end: "" };
  switch (offer.kind) {
    case "discount":
      return t("discount", {
        percent: f.percent ?? 0,
        before: f.amount ? formatMoney({ value: f.amount.before, currency: f.amount.currency }, ctx.locale) : "",
        after: f.amount ? formatMoney({ value: f.amount.after, currency: f.amount.currency }, ctx.locale) : "",
        ...span,
      });
    case "extension":
      return t("extension", { days: f.days ?? 0, until: minute(f.accessEndsAtAfter), contractEnd: minute(f.contractEndsAt) });
    case "bonus_seats":
      return t("bonus_seats", { seats: f.seats ?? 0, licensed: f.licensedNext ?? 0, ...span });
    case "twelve_plus_one":
      return t("twelve_plus_one", { until: minute(f.accessEndsAtAfter), ...span });
    case "upgrade_trial":
      return t("upgrade_trial", { feature: featureName(ctx, f.feature ?? "", f.featureLabels ?? null), days: f.days ?? 0, until: minute(f.until) });
  }
}

/** The vendor's name for the feature in the viewer's language (settings eventLabels), else its key. */
function featureName(ctx: WidgetContext, key: string, labels: Record<string, string> | null): string {
  return labels?.[ctx.lang] ?? labels?.en ?? key;
}
