import type { Phase } from "../accounts/phase.ts";

/**
 * What `POST /v1/widget/checklist` answers. Instants are epoch ms on the server's clock.
 * Types only, so the widget bundle stays free of zod.
 */
export interface WidgetChecklistResponse {
  serverNow: number;
  phase: { phase: Phase; goLiveAt: number; nextPhaseAt: number | null };
  firstValue: {
    status: "reached" | "pending" | "missed";
    reachedAt: number | null;
    deadlineAt: number;
    /** The step that marks first value, or null for the default (25 % of licensed seats active). */
    checklistId: string | null;
    stepId: string | null;
  };
  checklists: WidgetChecklist[];
}

export interface WidgetChecklist {
  id: string;
  version: number;
  title: string;
  /** Hidden for this user until then (a snooze), or for good (8.64e15) after a dismissal; null when shown. */
  dismissedUntil: number | null;
  completed: number;
  total: number;
  steps: WidgetChecklistStep[];
}

export interface WidgetChecklistStep {
  id: string;
  title: string;
  link: string | null;
  /** `user`: this user's own progress; `account`: anyone in the account counts. */
  scope: "user" | "account";
  done: boolean;
  completedAt: number | null;
  /** e.g. 2 of 3 times, or 4 of 5 active users; a done step shows its target. */
  progress: { current: number; target: number };
  firstValue: boolean;
}

/** What `POST /v1/widget/events` answers: `completedSteps` lets an open widget tick at once. */
export interface WidgetEventsResponse {
  accepted: number;
  duplicates: number;
  completedSteps: Array<{ checklistId: string; stepId: string }>;
}
