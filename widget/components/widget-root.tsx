import type { JSX } from "preact";
import type { View } from "../lib/view.ts";
import { Banner } from "./banner.tsx";
import type { WidgetContext } from "./context.ts";
import { GraceNotice } from "./grace-notice.tsx";
import { LockedNotice } from "./locked-notice.tsx";
import { LockModal } from "./lock-modal.tsx";
import { RenewDialog } from "./renew-dialog.tsx";
import { SeatsPanel } from "./seats-panel.tsx";

/** Everything the widget shows, as a pure function of the view and its context. */
export function WidgetRoot({ view, ctx }: { view: View; ctx: WidgetContext }): JSX.Element {
  return (
    <div lang={ctx.locale}>
      {view.card === "expiring" ? <Banner ctx={ctx} tone={view.tone} /> : null}
      {view.card === "grace" ? <GraceNotice ctx={ctx} /> : null}
      {view.card === "locked" ? <LockedNotice ctx={ctx} /> : null}
      {view.modal === "lock" ? <LockModal ctx={ctx} /> : null}
      {view.modal === "renew" ? <RenewDialog ctx={ctx} /> : null}
      {view.modal === "seats" ? <SeatsPanel ctx={ctx} /> : null}
    </div>
  );
}
