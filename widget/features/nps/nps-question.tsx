import type { JSX } from "preact";
import { topLayer } from "../../components/context.ts";
import type { WidgetContext } from "../../components/context.ts";
import { postWidget } from "../api.ts";
import { npsText } from "./messages.ts";
import type { NpsState } from "./nps-store.ts";
import { NPS_CSS } from "./styles.ts";

const SCORES = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

/**
 * The in-widget NPS question (`part="nps"`): 0–10 and an optional comment, or dismissed.
 * Not modal: the user keeps working. Asked once per user and term; either answer ends it.
 */
export function NpsQuestion({ ctx }: { ctx: WidgetContext }): JSX.Element | null {
  const state = ctx.host.store.nps as NpsState | undefined;
  if (!state?.open) return null;
  const { score, comment, phase, problem } = state;
  const set = (patch: Partial<NpsState>): void => {
    Object.assign(state, patch);
    ctx.host.render();
  };
  const setScore = (value: number): void => set({ score: value });
  const setComment = (value: string): void => void (state.comment = value); // no re-render per keystroke
  const setPhase = (value: NpsState["phase"]): void => set({ phase: value });
  const setProblem = (value: boolean): void => set({ problem: value });
  ctx.host.addStyles(NPS_CSS);
  const t = npsText(ctx.lang);
  const product = ctx.data.branding.productName;
  const hide = (): void => set({ open: false });
  const dismiss = (): void => {
    hide();
    void postWidget(ctx.host, "/nps/answer", { dismissed: true });
  };

  if (phase === "thanked") {
    return (
      <section {...topLayer} class="nps" part="nps" aria-labelledby="tw-nps-q">
        <p id="tw-nps-q" role="status">
          {t("thanks", { product })}
        </p>
        <div class="acts">
          <button type="button" class="pri" onClick={hide}>
            {t("close")}
          </button>
        </div>
      </section>
    );
  }

  function submit(event: Event): void {
    event.preventDefault();
    if (score === null) return setProblem(true);
    setProblem(false);
    setPhase("sending");
    const text = comment.trim().slice(0, 1000);
    void postWidget(ctx.host, "/nps/answer", { score, ...(text ? { comment: text } : {}) }).then((answer) =>
      setPhase(answer.status === 200 || answer.status === 201 ? "thanked" : "failed"),
    );
  }

  return (
    <section {...topLayer} class="nps" part="nps" aria-labelledby="tw-nps-q">
      <h2 id="tw-nps-q">{t("question", { product })}</h2>
      <button type="button" class="x" aria-label={t("dismiss")} title={t("dismiss")} onClick={dismiss}>
        ×
      </button>
      <form onSubmit={submit} noValidate>
        <fieldset aria-describedby={problem ? "tw-nps-err" : undefined}>
          <legend class="sr">{t("scale")}</legend>
          <div class="scale">
            {SCORES.map((value) => (
              <label key={value}>
                <input type="radio" name="tw-nps" value={value} checked={score === value} onChange={() => setScore(value)} />
                <span>{value}</span>
              </label>
            ))}
          </div>
          <div class="ends" aria-hidden="true">
            <span>{t("low")}</span>
            <span>{t("high")}</span>
          </div>
        </fieldset>
        <label class="fld" for="tw-nps-comment">
          {t("comment")}
        </label>
        <textarea id="tw-nps-comment" maxLength={1000} value={comment} onInput={(event) => setComment((event.currentTarget as HTMLTextAreaElement).value)} />
        {problem || phase === "failed" ? (
          <p id="tw-nps-err" class="err" role="alert">
            {t(problem ? "pickScore" : "failed")}
          </p>
        ) : null}
        <div class="acts">
          <button type="submit" class="pri" disabled={phase === "sending"}>
            {t(phase === "sending" ? "sending" : "send")}
          </button>
          <button type="button" class="sec" onClick={dismiss}>
            {t("notNow")}
          </button>
        </div>
      </form>
    </section>
  );
}
