import { and, asc, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountMilestones, contractTerms } from "../../db/schema/index.ts";
import { DEFAULT_FIRST_VALUE, firstValueStep, seatsTarget } from "../../../shared/checklists/rules.ts";
import { parseCalendarDate, plusCalendarDays, startOfLocalDay } from "../../../shared/time/local-day.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { countActiveUsers } from "../usage/active-users.ts";
import { licensedSeats } from "../usage/licensed-seats.ts";
import { recordChange } from "../tenants/changes.ts";
import { enqueueWebhook } from "../webhooks/enqueue.ts";
import type { PinnedChecklist } from "./pins.ts";

/**
 * Go-live: local midnight of the account's first contract term's start, else its creation.
 * The first term, not the current one, so a renewal does not send an account back to onboarding.
 */
export async function goLiveAt(db: Db, account: AccountRow): Promise<number> {
  const first = await db.query.contractTerms.findFirst({ where: eq(contractTerms.accountId, account.id), orderBy: asc(contractTerms.seq) });
  const date = first ? parseCalendarDate(first.startDate) : null;
  return date ? startOfLocalDay(date, account.timezone) : account.createdAt;
}

/** Which milestone counts as first value for these checklists, and its deadline in days. */
export function firstValueDefinition(checklists: readonly PinnedChecklist[]): { checklistId: string | null; stepId: string | null; deadlineDays: number } {
  for (const checklist of checklists) {
    const step = firstValueStep(checklist.definition);
    if (step?.firstValue) return { checklistId: checklist.key, stepId: step.id, deadlineDays: step.firstValue.deadlineDays };
  }
  return { checklistId: null, stepId: null, deadlineDays: DEFAULT_FIRST_VALUE.deadlineDays };
}

export interface FirstValueStatus {
  status: "reached" | "pending" | "missed";
  reachedAt: number | null;
  goLiveAt: number;
  deadlineAt: number;
  /** The checklist step that marks it, or null for the default (25 % of seats active). */
  checklistId: string | null;
  stepId: string | null;
}

export async function firstValueStatus(db: Db, account: AccountRow, checklists: readonly PinnedChecklist[], now: number): Promise<FirstValueStatus> {
  const definition = firstValueDefinition(checklists);
  const [live, reached] = await Promise.all([
    goLiveAt(db, account),
    db.query.accountMilestones.findFirst({
      where: and(eq(accountMilestones.accountId, account.id), eq(accountMilestones.milestone, "first_value")),
    }),
  ]);
  const deadlineAt = plusCalendarDays(live, definition.deadlineDays, account.timezone);
  const status = reached ? "reached" : now >= deadlineAt ? "missed" : "pending";
  return { status, reachedAt: reached?.reachedAt ?? null, goLiveAt: live, deadlineAt, checklistId: definition.checklistId, stepId: definition.stepId };
}

/** Records first value once; the first recorder also writes the `first_value.reached` webhook. */
export async function markFirstValue(db: Db, input: { account: AccountRow; checklists: readonly PinnedChecklist[]; now: number }): Promise<boolean> {
  const { account, now } = input;
  const [inserted] = await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
    db.insert(accountMilestones).values({ accountId: account.id, milestone: "first_value", reachedAt: now }).onConflictDoNothing().returning(),
  ]);
  if (inserted.length === 0) return false;
  const status = await firstValueStatus(db, account, input.checklists, now);
  await enqueueWebhook(db, {
    tenantId: account.tenantId,
    type: "first_value.reached",
    dedupeKey: `first_value.reached:${account.id}`,
    now,
    data: {
      accountId: account.externalId,
      reachedAt: new Date(now).toISOString(),
      goLiveAt: new Date(status.goLiveAt).toISOString(),
      deadlineAt: new Date(status.deadlineAt).toISOString(),
      onTime: now < status.deadlineAt,
      checklistId: status.checklistId,
      stepId: status.stepId,
    },
  });
  return true;
}

/** The default milestone: 25 % of licensed seats active. Returns whether it was reached just now. */
export async function checkDefaultFirstValue(db: Db, input: { account: AccountRow; checklists: readonly PinnedChecklist[]; now: number }): Promise<boolean> {
  const { account, now } = input;
  const reached = await db.query.accountMilestones.findFirst({
    where: and(eq(accountMilestones.accountId, account.id), eq(accountMilestones.milestone, "first_value")),
  });
  if (reached) return false;
  const seats = await licensedSeats(db, account.id, now);
  if (!seats) return false;
  const rule = DEFAULT_FIRST_VALUE.rule;
  const percent = rule.type === "seats_active" ? rule.percent : 25;
  if ((await countActiveUsers(db, account, now)) < seatsTarget(percent, seats.licensed)) return false;
  return markFirstValue(db, input);
}
