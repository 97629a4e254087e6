import type { JSX } from "preact";
import type { WidgetChecklistStep } from "../../../shared/checklists/wire.ts";
import { safeUrl } from "../api.ts";
import type { checklistText } from "./messages.ts";

interface Props {
  step: WidgetChecklistStep;
  /** Ticked since this page opened: marked briefly. */
  fresh: boolean;
  t: ReturnType<typeof checklistText>;
}

/** One step: ticked or not, its title (a link into the product when it has one), and progress towards it. */
export function StepItem({ step, fresh, t }: Props): JSX.Element {
  const href = step.link ? safeUrl(step.link) : null;
  const { current, target } = step.progress;
  return (
    <li data-step={step.id} data-done={step.done ? "true" : "false"} class={fresh ? "new" : undefined}>
      <span class="ck" aria-hidden="true">
        {step.done ? "✓" : ""}
      </span>
      <span class="sr">{t(step.done ? "done" : "notDone")}: </span>
      <span class="st">{href ? <a href={href}>{step.title}</a> : step.title}</span>
      {!step.done && target > 1 ? <span class="m cnt">{t("count", { current, target })}</span> : null}
    </li>
  );
}
