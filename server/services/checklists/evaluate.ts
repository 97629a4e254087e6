import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { checklistProgress, usageCounters } from "../../db/schema/index.ts";
import { newlyCompleted, ruleScope } from "../../../shared/checklists/rules.ts";
import type { ChecklistStep, Signals, UsageEventLike } from "../../../shared/checklists/rules.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { countActiveUsers } from "../usage/active-users.ts";
import { licensedSeats } from "../usage/licensed-seats.ts";
import { checkDefaultFirstValue, firstValueDefinition, markFirstValue } from "./first-value.ts";
import { recordChange } from "../tenants/changes.ts";
import { pinnedChecklists } from "./pins.ts";
import type { PinnedChecklist } from "./pins.ts";
import type { ChecklistRow } from "./list-checklists.ts";

export interface CompletedStep {
  checklistId: string;
  stepId: string;
  /** The user who completed a per-user step; null for a step the account completed. */
  userId: string | null;
  completedAt: number;
}

/** Everything an account's checklists are judged on, for the account and some of its users. */
export interface ChecklistState {
  checklists: PinnedChecklist[];
  signalsFor(user: string | null): Signals;
  /** completedAt by `checklist \0 step \0 userKey` (userKey "" for account steps). */
  completed: Map<string, number>;
}

export function progressKey(checklistId: string, stepId: string, userKey: string): string {
  return `${checklistId}\u0000${stepId}\u0000${userKey}`;
}

export interface EvaluateInput {
  account: AccountRow;
  /** Users whose own steps to judge (the account's steps are always judged). */
  users: readonly string[];
  /** Events just stored, for property rules. */
  events: readonly UsageEventLike[];
  now: number;
  /** The tenant's latest checklists, when the caller already has them. */
  latest?: readonly ChecklistRow[];
  /** False when seats in use cannot have grown (no new user-day): seat rules are skipped. */
  judgeSeats?: boolean;
}

async function loadState(db: Db, input: EvaluateInput): Promise<ChecklistState> {
  const { account, users, events, now } = input;
  const checklists = await pinnedChecklists(db, account.tenantId, account.id, now, input.latest);
  const steps = checklists.flatMap((checklist) => checklist.definition.steps);
  const names = [...new Set(steps.flatMap((step) => (step.rule.type === "event" ? [step.rule.event] : [])))];
  const userKeys = ["", ...users];
  const needsSeats = input.judgeSeats !== false && steps.some((step) => step.rule.type === "seats_active");
  const [counters, progress, seats, activeUsers] = await Promise.all([
    names.length === 0
      ? []
      : db
          .select()
          .from(usageCounters)
          .where(and(eq(usageCounters.accountId, account.id), inArray(usageCounters.userKey, userKeys), inArray(usageCounters.name, names))),
    steps.length === 0
      ? []
      : db
          .select()
          .from(checklistProgress)
          .where(and(eq(checklistProgress.accountId, account.id), inArray(checklistProgress.userKey, userKeys))),
    needsSeats ? licensedSeats(db, account.id, now) : null,
    needsSeats ? countActiveUsers(db, account, now) : 0,
  ]);
  const countsByUser = new Map<string, Map<string, number>>(userKeys.map((key) => [key, new Map()]));
  for (const row of counters) countsByUser.get(row.userKey)?.set(row.name, row.count);
  const completed = new Map(progress.map((row) => [progressKey(row.checklistKey, row.stepId, row.userKey), row.completedAt]));
  return {
    checklists,
    completed,
    signalsFor: (user) => ({
      user,
      userCounts: countsByUser.get(user ?? "") ?? new Map(),
      accountCounts: countsByUser.get("")!,
      activeUsers,
      licensedSeats: seats?.licensed ?? null,
      events,
    }),
  };
}

/** The steps of a checklist judged from one point of view: account steps for null, user steps for a user. */
function stepsFor(steps: readonly ChecklistStep[], user: string | null): ChecklistStep[] {
  return steps.filter((step) => (ruleScope(step.rule) === "account") === (user === null));
}

/**
 * Judges an account's checklists from its counters and the events just received, records
 * newly completed steps (insert-or-ignore: never undone, first time kept) and first value.
 * Returns the state and the steps completed by this call.
 */
export async function evaluateChecklists(db: Db, input: EvaluateInput): Promise<{ state: ChecklistState; completed: CompletedStep[] }> {
  const { account, now } = input;
  const state = await loadState(db, input);
  const rows: Array<typeof checklistProgress.$inferInsert> = [];
  for (const checklist of state.checklists) {
    for (const user of [null, ...input.users]) {
      const userKey = user ?? "";
      const steps = stepsFor(checklist.definition.steps, user);
      const done = new Set(steps.filter((s) => state.completed.has(progressKey(checklist.key, s.id, userKey))).map((s) => s.id));
      for (const step of newlyCompleted(steps, state.signalsFor(user), done)) {
        rows.push({ accountId: account.id, checklistKey: checklist.key, stepId: step.id, userKey, completedAt: now });
      }
    }
  }
  // A completed step is something the widget shows: announced with its rows.
  const inserted =
    rows.length === 0
      ? []
      : (
          await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
            db.insert(checklistProgress).values(rows).onConflictDoNothing().returning(),
          ])
        )[0];
  for (const row of inserted) state.completed.set(progressKey(row.checklistKey, row.stepId, row.userKey), row.completedAt);
  const firstValue = firstValueDefinition(state.checklists);
  if (firstValue.stepId === null) {
    if (input.judgeSeats !== false) await checkDefaultFirstValue(db, { account, checklists: state.checklists, now });
  } else if (inserted.some((row) => row.checklistKey === firstValue.checklistId && row.stepId === firstValue.stepId)) {
    await markFirstValue(db, { account, checklists: state.checklists, now });
  }
  const completed = inserted.map((row) => ({ checklistId: row.checklistKey, stepId: row.stepId, userId: row.userKey || null, completedAt: row.completedAt }));
  return { state, completed };
}
