import type { WidgetChecklist, WidgetChecklistResponse } from "../../../shared/checklists/wire.ts";
import type { FeatureHost } from "../../lib/feature-host.ts";
import { postWidget } from "../api.ts";

/** While the checklist is open and the page seen, re-read it this often (steps done elsewhere tick too). */
export const CHECKLIST_POLL_MS = 5_000;
const DAY = 86_400_000;

export interface ChecklistState {
  data: WidgetChecklistResponse | null;
  /** Steps seen done for the first time in this page, to mark them as just ticked. */
  fresh: Set<string>;
  /** The checklist to show now (see `pickChecklist`), or null. */
  pick(now: number, opened: boolean): WidgetChecklist | null;
  refresh(): void;
  snooze(checklist: WidgetChecklist): void;
  dismiss(checklist: WidgetChecklist): void;
}

/**
 * The user's checklists (`POST /v1/widget/checklist`): read on start, after a flush of
 * tracked events, and every few seconds while open. Dismissals and snoozes are remembered
 * on the server (`POST /v1/widget/checklist/dismiss`).
 */
export function startChecklist(host: FeatureHost): { state: ChecklistState; stop(): void } {
  let reading = false;
  let again = false;
  const state: ChecklistState = {
    data: null,
    fresh: new Set(),
    pick: (now, opened) => (state.data ? pickChecklist(state.data, now, opened) : null),
    refresh: () => void read(),
    snooze: (c) => hide(c, host.now() + DAY),
    dismiss: (c) => hide(c, null),
  };
  host.store.checklist = state;
  const poll = setInterval(() => host.ui.checklist && document.visibilityState !== "hidden" && void read(), CHECKLIST_POLL_MS);

  async function read(): Promise<void> {
    if (reading) return void (again = true);
    reading = true;
    const answer = await postWidget<WidgetChecklistResponse>(host, "/checklist", { locale: host.lang() });
    reading = false;
    if (answer.status === 200 && answer.body && Array.isArray(answer.body.checklists)) {
      if (state.data) for (const id of newlyDone(state.data, answer.body)) state.fresh.add(id);
      state.data = answer.body;
      host.render();
    }
    if (again) (again = false), void read();
  }

  function hide(checklist: WidgetChecklist, until: number | null): void {
    const shown = state.data?.checklists.find((c) => c.id === checklist.id);
    if (shown) shown.dismissedUntil = until ?? Number.MAX_SAFE_INTEGER;
    host.ui.checklist = false;
    host.render();
    void postWidget(host, "/checklist/dismiss", { checklistId: checklist.id, until });
  }

  void read();
  return { state, stop: () => clearInterval(poll) };
}

/** `checklist/step` keys done now that were not before. */
export function newlyDone(before: WidgetChecklistResponse, after: WidgetChecklistResponse): string[] {
  const was = new Set(before.checklists.flatMap((c) => c.steps.filter((s) => s.done).map((s) => `${c.id}/${s.id}`)));
  return after.checklists.flatMap((c) => c.steps.filter((s) => s.done && !was.has(`${c.id}/${s.id}`)).map((s) => `${c.id}/${s.id}`));
}

/**
 * The checklist to show: the first one not hidden and not finished; when the host opened the
 * checklist explicitly, the first one at all (finished or hidden), so the request is answered.
 */
export function pickChecklist(data: WidgetChecklistResponse, now: number, opened: boolean): WidgetChecklist | null {
  const visible = (c: WidgetChecklist): boolean => c.dismissedUntil === null || c.dismissedUntil <= now;
  return data.checklists.find((c) => visible(c) && c.completed < c.total) ?? (opened ? (data.checklists.find(visible) ?? data.checklists[0] ?? null) : null);
}
