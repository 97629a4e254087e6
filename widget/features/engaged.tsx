import type { JSX } from "preact";
import type { WidgetContext } from "../components/context.ts";
import { Checklist } from "./checklist/checklist-panel.tsx";
import type { NpsState } from "./nps/nps-store.ts";

/** What the engagement part shows beside the product: the checklist, and the NPS question while it is being asked. */
export function Engaged({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const nps = ctx.host.store.nps as NpsState | undefined;
  return (
    <>
      <Checklist ctx={ctx} />
      {nps?.open ? <nps.ui.NpsQuestion ctx={ctx} /> : null}
    </>
  );
}
