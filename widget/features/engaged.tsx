import type { JSX } from "preact";
import type { WidgetContext } from "../components/context.ts";
import { chunk } from "../lib/lazy.ts";
import type { ChecklistState } from "./checklist/checklist-store.ts";
import type { NpsState } from "./nps/nps-store.ts";

/**
 * What the engagement part shows beside the product: the checklist, and the NPS question while
 * it is being asked. The checklist's view loads only when there is a checklist to show.
 */
export function Engaged({ ctx }: { ctx: WidgetContext }): JSX.Element {
  const nps = ctx.host.store.nps as NpsState | undefined;
  const list = ctx.host.store.checklist as ChecklistState | undefined;
  const checklist = list?.pick(ctx.now, ctx.host.ui.checklist) ? chunk("checklist") : null;
  return (
    <>
      {checklist ? <checklist.Checklist ctx={ctx} /> : null}
      {nps?.open ? <nps.ui.NpsQuestion ctx={ctx} /> : null}
    </>
  );
}
