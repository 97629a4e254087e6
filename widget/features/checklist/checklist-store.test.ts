import { describe, expect, it } from "vitest";
import type { WidgetChecklist, WidgetChecklistResponse } from "../../../shared/checklists/wire.ts";
import { newlyDone, pickChecklist } from "./checklist-store.ts";

function list(id: string, done: boolean[], dismissedUntil: number | null = null): WidgetChecklist {
  const steps = done.map((d, i) => ({
    id: `s${i}`,
    title: `Step ${i}`,
    link: null,
    scope: "user" as const,
    done: d,
    completedAt: d ? 1 : null,
    progress: { current: d ? 1 : 0, target: 1 },
    firstValue: false,
  }));
  return { id, version: 1, title: id, dismissedUntil, completed: done.filter(Boolean).length, total: done.length, steps };
}

function answer(...checklists: WidgetChecklist[]): WidgetChecklistResponse {
  return {
    serverNow: 0,
    phase: { phase: "adaptation", goLiveAt: 0, nextPhaseAt: null },
    firstValue: { status: "pending", reachedAt: null, deadlineAt: 0, checklistId: null, stepId: null },
    checklists,
  };
}

describe("which checklist shows", () => {
  it("shows the first unfinished one that is not hidden", () => {
    const data = answer(list("done", [true]), list("snoozed", [false], 2_000), list("open", [true, false]));
    expect(pickChecklist(data, 1_000, false)?.id).toBe("open");
  });

  it("shows a snoozed one again once the snooze ends", () => {
    expect(pickChecklist(answer(list("snoozed", [false], 2_000)), 2_000, false)?.id).toBe("snoozed");
  });

  it("shows nothing unasked when all are finished or hidden, but answers an explicit open", () => {
    const data = answer(list("done", [true]), list("hidden", [false], 8.64e15));
    expect(pickChecklist(data, 0, false)).toBeNull();
    expect(pickChecklist(data, 0, true)?.id).toBe("done");
    expect(pickChecklist(answer(list("hidden", [false], 8.64e15)), 0, true)?.id).toBe("hidden");
    expect(pickChecklist(answer(), 0, true)).toBeNull();
  });
});

describe("ticks", () => {
  it("names the steps done now that were not before", () => {
    expect(newlyDone(answer(list("a", [true, false, false])), answer(list("a", [true, true, false])))).toEqual(["a/s1"]);
    expect(newlyDone(answer(list("a", [true])), answer(list("a", [true])))).toEqual([]);
  });
});
