import type { JSX } from "preact";
import { chunk } from "../lib/lazy.ts";
import type { View } from "../lib/view.ts";
import { Banner } from "./banner.tsx";
import type { WidgetContext } from "./context.ts";
import { Guard } from "./guard.tsx";
import { GraceNotice } from "./grace-notice.tsx";
import { LockedNotice } from "./locked-notice.tsx";
import { LockModal } from "./lock-modal.tsx";

/**
 * Everything the widget shows, as a pure function of the view and its context. The panels
 * opened on request and the checklist are on-demand parts: they appear once loaded.
 */
export function WidgetRoot({ view, ctx }: { view: View; ctx: WidgetContext }): JSX.Element {
  const modal = view.modal;
  const noSeat = ctx.data.user.seated === false && modal !== "lock";
  const panels = (modal && modal !== "lock") || noSeat ? chunk("panels") : null;
  // The checklist shows once the session has started it (never from a last-known copy alone).
  const engage = ctx.host.store.checklist ? chunk("engage") : null;
  // "Renewed until …", once, when a renewal completed in this page and nothing else shows.
  const renewed = ctx.host.store.renewed && !view.card && !modal ? chunk("renewal") : null;
  return (
    <div lang={ctx.locale}>
      {view.card === "expiring" ? <Banner ctx={ctx} tone={view.tone} /> : null}
      {view.card === "grace" ? <GraceNotice ctx={ctx} /> : null}
      {view.card === "locked" ? <LockedNotice ctx={ctx} /> : null}
      {modal === "lock" ? <LockModal ctx={ctx} /> : null}
      <Guard>{renewed ? <renewed.Renewed ctx={ctx} /> : null}</Guard>
      <Guard>
        {panels && modal === "renew" ? <panels.RenewDialog ctx={ctx} /> : null}
        {panels && modal === "seats" ? <panels.SeatsPanel ctx={ctx} /> : null}
        {panels && modal === "decline" ? <panels.DeclineDialog ctx={ctx} /> : null}
        {panels && noSeat ? <panels.NoSeatNotice ctx={ctx} /> : null}
      </Guard>
      <Guard>{engage && modal !== "lock" ? <engage.Engaged ctx={ctx} /> : null}</Guard>
    </div>
  );
}
