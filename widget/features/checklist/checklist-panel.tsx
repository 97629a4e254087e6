import type { JSX } from "preact";
import { PANEL_CSS } from "../panel-styles.ts";
import type { WidgetChecklistResponse } from "../../../shared/checklists/wire.ts";
import type { WidgetContext } from "../../components/context.ts";
import { formatDate } from "../recap/format.ts";
import type { ChecklistState } from "./checklist-store.ts";
import { checklistText } from "./messages.ts";
import { StepItem } from "./step-item.tsx";
import { CHECKLIST_CSS } from "./styles.ts";

/**
 * The onboarding checklist (`part="checklist"`): a small launcher with the progress, opened
 * into the steps, the account's phase and first-value goal. Not modal: the user keeps working
 * in the product and watches steps tick as they go.
 */
export function Checklist({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const state = ctx.host.store.checklist as ChecklistState | undefined;
  const data = state?.data;
  const ui = ctx.host.ui;
  if (!state || !data) return null;
  const checklist = state.pick(ctx.now, ui.checklist);
  if (!checklist) return null;
  ctx.host.addStyles(CHECKLIST_CSS);
  ctx.host.addStyles(PANEL_CSS);
  const t = checklistText(ctx.lang);
  const toggle = (open: boolean) => (): void => void ((ui.checklist = open), ctx.host.render(), open && state.refresh());
  const progress = t("progress", { done: checklist.completed, total: checklist.total });
  if (!ui.checklist) {
    return (
      <section class="cl mini" part="checklist" data-checklist={checklist.id} aria-label={checklist.title}>
        <button type="button" class="pill" aria-expanded="false" onClick={toggle(true)}>
          {checklist.title} · {checklist.completed}/{checklist.total}
          <span class="sr"> {t("open")}</span>
        </button>
      </section>
    );
  }
  const share = checklist.total > 0 ? checklist.completed / checklist.total : 0;
  return (
    <section class="cl" part="checklist" data-checklist={checklist.id} aria-labelledby="tw-cl-title">
      <h2 id="tw-cl-title">{checklist.title}</h2>
      <button type="button" class="x" aria-expanded="true" aria-label={t("collapse")} title={t("collapse")} onClick={toggle(false)}>
        ×
      </button>
      <p class="m">{statusLine(data, ctx, t)}</p>
      <div
        class="meter"
        role="progressbar"
        aria-label={t("progressLabel")}
        aria-valuemin={0}
        aria-valuemax={checklist.total}
        aria-valuenow={checklist.completed}
        aria-valuetext={progress}
      >
        <div class="fill" style={{ transform: `scaleX(${share})` }} />
      </div>
      <p data-progress>{checklist.completed === checklist.total ? <span class="ok">{t("allDone")}</span> : progress}</p>
      <ol>
        {checklist.steps.map((step) => (
          <StepItem key={step.id} step={step} t={t} fresh={state.fresh.has(`${checklist.id}/${step.id}`)} />
        ))}
      </ol>
      <div class="acts">
        <button type="button" class="sec" onClick={() => state.snooze(checklist)}>
          {t("snooze")}
        </button>
        <button type="button" class="sec" onClick={() => state.dismiss(checklist)}>
          {t("dismiss")}
        </button>
      </div>
    </section>
  );
}

/** "Getting started (first 30 days) · Aim: first value by 12 Mar 2026". */
function statusLine(data: WidgetChecklistResponse, ctx: WidgetContext, t: ReturnType<typeof checklistText>): string {
  const { firstValue, phase } = data;
  const zone = ctx.data.account.timezone;
  const at = firstValue.status === "reached" ? (firstValue.reachedAt ?? firstValue.deadlineAt) : firstValue.deadlineAt;
  return `${t(`phase_${phase.phase}`)} · ${t(`firstValue_${firstValue.status}`, { date: formatDate(at, ctx.locale, zone) })}`;
}
