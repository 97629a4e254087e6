/**
 * Checklist definitions and how a step's completion rule is judged from usage signals.
 * Pure: counts and events come in, a verdict goes out. Completion is monotonic — a step once
 * done stays done — so `newlyCompleted` only ever adds to what was already completed.
 */

/** Text per BCP 47 locale, e.g. `{ "en": "Invite your team", "zh-CN": "邀请团队" }`. */
export type LocalizedText = Record<string, string>;
export type RuleScope = "user" | "account";

export type StepRule =
  /** An event done `count` times by the user, or by anyone in the account. */
  | { type: "event"; event: string; count: number; scope: RuleScope }
  /** An event whose `properties[property]` equals `equals`, once. */
  | { type: "property"; event: string; property: string; equals: string | number | boolean; scope: RuleScope }
  /** At least `percent` % of licensed seats active (distinct users in the last 30 days). */
  | { type: "seats_active"; percent: number };

export interface ChecklistStep {
  id: string;
  title: LocalizedText;
  link: string | null;
  rule: StepRule;
  /** Marks the account's first-value milestone, due `deadlineDays` after go-live. */
  firstValue: { deadlineDays: number } | null;
}

export interface ChecklistDefinition {
  title: LocalizedText;
  steps: ChecklistStep[];
}

/** The first-value milestone when no checklist step is marked: 25 % of seats active in 30 days. */
export const DEFAULT_FIRST_VALUE: { rule: StepRule; deadlineDays: number } = {
  rule: { type: "seats_active", percent: 25 },
  deadlineDays: 30,
};

export interface UsageEventLike {
  name: string;
  userId: string | null;
  properties: Record<string, unknown> | null;
}

/** What a rule is judged on, from one user's point of view (or the account's, with `user` null). */
export interface Signals {
  userCounts: ReadonlyMap<string, number>;
  accountCounts: ReadonlyMap<string, number>;
  activeUsers: number;
  licensedSeats: number | null;
  /** Events just received: property rules look only at these. */
  events: readonly UsageEventLike[];
  user: string | null;
}

export interface StepProgress {
  current: number;
  target: number;
  done: boolean;
}

export function ruleScope(rule: StepRule): RuleScope {
  return rule.type === "seats_active" ? "account" : rule.scope;
}

/** How many active users make `percent` % of the licensed seats (at least one). */
export function seatsTarget(percent: number, licensedSeats: number): number {
  return Math.max(1, Math.ceil((percent * licensedSeats) / 100 - 1e-9));
}

export function matchesProperty(rule: Extract<StepRule, { type: "property" }>, event: UsageEventLike): boolean {
  return event.name === rule.event && event.properties != null && event.properties[rule.property] === rule.equals;
}

/** Progress of one rule from the given signals. A user-scope rule needs a user. */
export function ruleProgress(rule: StepRule, signals: Signals): StepProgress {
  if (rule.type === "seats_active") {
    if (!signals.licensedSeats) return { current: signals.activeUsers, target: 0, done: false };
    const target = seatsTarget(rule.percent, signals.licensedSeats);
    return { current: Math.min(signals.activeUsers, target), target, done: signals.activeUsers >= target };
  }
  if (rule.scope === "user" && signals.user === null) return { current: 0, target: rule.type === "event" ? rule.count : 1, done: false };
  if (rule.type === "event") {
    const counts = rule.scope === "user" ? signals.userCounts : signals.accountCounts;
    const count = counts.get(rule.event) ?? 0;
    return { current: Math.min(count, rule.count), target: rule.count, done: count >= rule.count };
  }
  const hit = signals.events.some((event) => (rule.scope === "account" || event.userId === signals.user) && matchesProperty(rule, event));
  return { current: hit ? 1 : 0, target: 1, done: hit };
}

/**
 * The steps that these signals complete and that were not complete before. `completed`
 * holds step ids already done for this point of view; nothing in it is ever taken back.
 */
export function newlyCompleted(steps: readonly ChecklistStep[], signals: Signals, completed: ReadonlySet<string>): ChecklistStep[] {
  return steps.filter((step) => !completed.has(step.id) && ruleProgress(step.rule, signals).done);
}

/** The step marking first value, if the checklist has one. */
export function firstValueStep(definition: ChecklistDefinition): ChecklistStep | undefined {
  return definition.steps.find((step) => step.firstValue !== null);
}

/** Picks the text for a locale: exact tag, then its language, then English, then any. */
export function localize(text: LocalizedText, locale: string | null): string {
  if (locale) {
    if (text[locale] !== undefined) return text[locale];
    const language = locale.split("-")[0]!.toLowerCase();
    const match = Object.keys(text).find((tag) => tag.split("-")[0]!.toLowerCase() === language);
    if (match) return text[match]!;
  }
  return text.en ?? Object.values(text)[0] ?? "";
}
