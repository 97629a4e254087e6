/**
 * The demo's usage histories, sent through the public API with the secret key exactly as a
 * vendor's backend would: an onboarding checklist (`PUT /v1/checklists/onboarding`) and
 * back-dated usage signals (`POST /v1/events`) that put accounts in each risk band, leave a
 * checklist half done, and reach first value on some accounts and miss it on others.
 *
 * Event ids carry the seeding day: restarting the demo the same day adds nothing (an id is
 * stored once), a later day tops the window up so the bands hold.
 */
import type { Requester, SeedKeys } from "./seed.ts";

const HOUR = 3_600_000;

/** Planboard's onboarding, in English and Chinese; the report step marks first value. */
export const ONBOARDING_CHECKLIST = {
  title: { en: "Get started with Planboard", "zh-CN": "Planboard 快速上手" },
  steps: [
    {
      id: "create-task",
      title: { en: "Create your first task", "zh-CN": "创建第一个任务" },
      link: "/demo/help/tasks",
      rule: { type: "event", event: "task_created", count: 1, scope: "user" },
    },
    {
      id: "invite",
      title: { en: "Invite two teammates", "zh-CN": "邀请两位同事" },
      link: "/demo/help/team",
      rule: { type: "event", event: "teammate_invited", count: 2, scope: "account" },
    },
    {
      id: "report",
      title: { en: "Open your first report", "zh-CN": "打开第一份报表" },
      link: "/demo/help/reports",
      rule: { type: "property", event: "feature.used", property: "module", equals: "reports", scope: "account" },
      firstValue: true,
    },
    {
      id: "export",
      title: { en: "Export the board", "zh-CN": "导出看板" },
      rule: { type: "property", event: "feature.used", property: "feature", equals: "export" },
    },
  ],
};

interface Profile {
  /** Distinct people active in the last four weeks, and sessions each. */
  users: number;
  sessionsEach: number;
  /** Feature uses: [feature, module, count]. */
  features: Array<[string, string, number]>;
  ticketsOpened: number;
  ticketsResolved: number;
  trainings: number;
  npsScores: number[];
  /** Checklist events as [user, name, properties?]. */
  onboarding: Array<[string, string, Record<string, string>?]>;
}

/**
 * What each account has been doing. With the default scorecard: Acme is low risk (daily use
 * across four modules, trained, promoters), Harbor medium, Borealis high (two people, one
 * module, tickets piling up, detractors). Ivy went live ten days ago and is halfway through
 * onboarding with first value still ahead; Borealis missed it; Acme and Harbor reached it.
 */
const PROFILES: Record<string, Profile> = {
  "acme-robotics": {
    users: 10,
    sessionsEach: 10,
    features: [
      ["task.create", "board", 60],
      ["report.open", "reports", 25],
      ["export", "board", 10],
      ["timeline.view", "planning", 10],
      ["invoice.send", "billing", 5],
    ],
    ticketsOpened: 1,
    ticketsResolved: 1,
    trainings: 2,
    npsScores: [10, 10, 9, 9, 8],
    onboarding: [
      ["admin", "task_created"],
      ["member", "teammate_invited"],
      ["admin", "teammate_invited"],
      ["admin", "feature.used", { feature: "export", module: "board" }],
    ],
  },
  "harbor-health": {
    users: 6,
    sessionsEach: 8,
    features: [
      ["task.create", "board", 20],
      ["report.open", "reports", 10],
    ],
    ticketsOpened: 3,
    ticketsResolved: 2,
    trainings: 0,
    npsScores: [9, 9, 7],
    onboarding: [["admin", "task_created"]],
  },
  "borealis-labs": {
    users: 2,
    sessionsEach: 2,
    features: [["task.create", "board", 3]],
    ticketsOpened: 6,
    ticketsResolved: 1,
    trainings: 0,
    npsScores: [3, 5],
    onboarding: [],
  },
  "cathay-trading": {
    users: 8,
    sessionsEach: 6,
    features: [
      ["报表", "reports", 30],
      ["看板", "board", 24],
      ["甘特图", "planning", 9],
    ],
    ticketsOpened: 0,
    ticketsResolved: 0,
    trainings: 1,
    npsScores: [9, 8],
    onboarding: [["admin", "task_created"]],
  },
  "ivy-onboarding": {
    users: 3,
    sessionsEach: 4,
    features: [["task.create", "board", 8]],
    ticketsOpened: 0,
    ticketsResolved: 0,
    trainings: 1,
    npsScores: [],
    onboarding: [
      ["admin", "task_created"],
      ["member", "teammate_invited"],
      ["admin", "teammate_invited"],
    ],
  },
};

async function call(request: Requester, keys: SeedKeys, method: string, path: string, body: unknown): Promise<void> {
  const res = await request(path, {
    method,
    headers: { Authorization: `Bearer ${keys.secretKey}`, "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`${method} ${path} → ${res.status}: ${await res.text()}`);
}

/** One account's events, spread over the last four weeks (the scorecard's window). */
export function historyEvents(accountId: string, profile: Profile, now: number): Array<Record<string, unknown>> {
  const day = new Date(now).toISOString().slice(0, 10);
  const events: Array<Record<string, unknown>> = [];
  let n = 0;
  const add = (userId: string, name: string, properties?: Record<string, unknown>): void => {
    const hoursAgo = 2 + ((n * 37) % (26 * 24));
    events.push({
      id: `demo:${accountId}:${day}:${n++}`,
      accountId,
      userId,
      name,
      ...(properties ? { properties } : {}),
      timestamp: new Date(now - hoursAgo * HOUR).toISOString(),
    });
  };
  const users = Array.from({ length: profile.users }, (_, i) => (i === 0 ? "admin" : i === 1 ? "member" : `teammate-${i - 1}`));
  for (const user of users) for (let i = 0; i < profile.sessionsEach; i++) add(user, "session");
  for (const [feature, module, count] of profile.features) for (let i = 0; i < count; i++) add(users[i % users.length]!, "feature.used", { feature, module });
  for (let i = 0; i < profile.ticketsOpened; i++) add(users[0]!, "ticket.opened", { subject: `Question ${i + 1}` });
  for (let i = 0; i < profile.ticketsResolved; i++) add(users[0]!, "ticket.resolved");
  for (let i = 0; i < profile.trainings; i++) add(users[i % users.length]!, "training.attended", { course: "Planboard basics" });
  profile.npsScores.forEach((score, i) => add(users[i % users.length]!, "nps.answered", { score }));
  for (const [user, name, properties] of profile.onboarding) add(user, name, properties);
  return events;
}

/** The checklist, then each account's history. */
export async function seedHistories(request: Requester, keys: SeedKeys, now: number): Promise<void> {
  await call(request, keys, "PUT", "/v1/checklists/onboarding", ONBOARDING_CHECKLIST);
  for (const [accountId, profile] of Object.entries(PROFILES)) {
    await call(request, keys, "POST", "/v1/events", { events: historyEvents(accountId, profile, now) });
  }
}
