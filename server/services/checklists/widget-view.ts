import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { checklistDismissals } from "../../db/schema/index.ts";
import { accountPhase } from "../../../shared/accounts/phase.ts";
import { localize, ruleProgress, ruleScope } from "../../../shared/checklists/rules.ts";
import type { WidgetChecklist, WidgetChecklistResponse } from "../../../shared/checklists/wire.ts";
import type { WidgetIdentity } from "../widget/authenticate.ts";
import { evaluateChecklists, progressKey } from "./evaluate.ts";
import { firstValueStatus } from "./first-value.ts";

/**
 * The checklists as one user sees them: judged first (so steps done before the checklist
 * existed, or by others in the account, are ticked), then shown with progress, the account's
 * phase and first-value status. Completed steps stay completed whatever the counters say.
 */
export async function widgetChecklists(db: Db, input: { identity: WidgetIdentity; locale: string | null; now: number }): Promise<WidgetChecklistResponse> {
  const { identity, now } = input;
  const { account, claims } = identity;
  const locale = input.locale ?? account.locale;
  const { state } = await evaluateChecklists(db, { account, users: [claims.sub], events: [], now });
  const [firstValue, dismissals] = await Promise.all([
    firstValueStatus(db, account, state.checklists, now),
    db
      .select()
      .from(checklistDismissals)
      .where(and(eq(checklistDismissals.accountId, account.id), eq(checklistDismissals.userKey, claims.sub))),
  ]);
  const checklists = state.checklists.map((checklist): WidgetChecklist => {
    const steps = checklist.definition.steps.map((step) => {
      const scope = ruleScope(step.rule);
      const completedAt = state.completed.get(progressKey(checklist.key, step.id, scope === "user" ? claims.sub : "")) ?? null;
      const progress = ruleProgress(step.rule, state.signalsFor(scope === "user" ? claims.sub : null));
      const target = Math.max(progress.target, 1);
      return {
        id: step.id,
        title: localize(step.title, locale),
        link: step.link,
        scope,
        done: completedAt !== null,
        completedAt,
        progress: { current: completedAt !== null ? target : Math.min(progress.current, target), target },
        firstValue: step.firstValue !== null,
      };
    });
    const hidden = dismissals.find((row) => row.checklistKey === checklist.key)?.hiddenUntil ?? null;
    return {
      id: checklist.key,
      version: checklist.version,
      title: localize(checklist.definition.title, locale),
      dismissedUntil: hidden !== null && hidden > now ? hidden : null,
      completed: steps.filter((step) => step.done).length,
      total: steps.length,
      steps,
    };
  });
  const phase = accountPhase(firstValue.goLiveAt, now, account.timezone);
  return {
    serverNow: now,
    phase,
    firstValue: {
      status: firstValue.status,
      reachedAt: firstValue.reachedAt,
      deadlineAt: firstValue.deadlineAt,
      checklistId: firstValue.checklistId,
      stepId: firstValue.stepId,
    },
    checklists,
  };
}
