import type { JSX } from "preact";
import { PANEL_CSS } from "../panel-styles.ts";
import { ids } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { ModalShell } from "../../components/modal-shell.tsx";
import { RenewButton } from "../../components/renew-button.tsx";
import { formatDay, formatMinute } from "../../lib/local-time.ts";
import { seatsText } from "./messages.ts";
import { FeatureList } from "./feature-list.tsx";
import { SeatHolders } from "./seat-holders.tsx";

/** Seat use at or above this share of licensed seats earns a warning (the brief's "near the cap"). */
export const SEATS_NEAR_LIMIT = 0.9;

/** For admins: seats used against licensed (purchased + bonus), warning near the limit. */
export function SeatsPanel({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const { data, actions } = ctx;
  ctx.host.addStyles(PANEL_CSS);
  const t = seatsText(ctx.lang);
  const seats = data.seats;
  if (!seats) return null;
  const share = seats.licensed > 0 ? seats.used / seats.licensed : 1;
  const level = share >= 1 ? "full" : share >= SEATS_NEAR_LIMIT ? "near" : "";
  const zone = data.account.timezone;
  const { declined, declinedBy } = data.renewal;
  return (
    <ModalShell part="seats" escCloses onDismiss={actions.closePanel}>
      <h2 id={ids.modalTitle}>{t("seatsTitle")}</h2>
      <div id={ids.modalBody}>
        <p>
          <strong>{t("seatsUsed", { used: seats.used, licensed: seats.licensed })}</strong>
        </p>
        <div class="meter" role="meter" aria-label={t("seatsMeter")} aria-valuemin={0} aria-valuemax={seats.licensed} aria-valuenow={seats.used}>
          <div class={"fill " + level} style={{ transform: `scaleX(${Math.min(1, share)})` }} />
        </div>
        <p class="m">{t("seatsBreakdown", { purchased: seats.purchased, bonus: seats.bonus })}</p>
        <p class="m">{t("seatsActive", { active: seats.active })}</p>
        <p class="m">{t("termEnds", { time: formatMinute(data.entitlement.contractEndsAt - 1, ctx.locale, zone), zone })}</p>
        {declinedBy ? <p class="m">{t("declinedBy", { name: declinedBy.name, date: formatDay(declinedBy.at, ctx.locale, zone) })}</p> : null}
        {declined ? <p class="m">{t("declinedByYou", { date: formatDay(declined.at, ctx.locale, zone) })}</p> : null}
        <FeatureList ctx={ctx} />
        <SeatHolders ctx={ctx} />
        {level ? (
          <p class={"warn " + level} role="status">
            {t(level === "full" ? "seatsFull" : "seatsNear")}
          </p>
        ) : null}
      </div>
      <div class="acts">
        <RenewButton ctx={ctx} />
        {/* The least destructive action takes the focus: a stray Enter closes, never renews. */}
        <button type="button" class="sec" autofocus onClick={actions.closePanel}>
          {t("close")}
        </button>
      </div>
    </ModalShell>
  );
}
