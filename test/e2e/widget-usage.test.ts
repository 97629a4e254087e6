/**
 * Usage signals and the onboarding checklist, from the real widget to the real server, in
 * real Chromium under the strict CSP the vendor docs promise: `Tenure('track', …)` batches,
 * the beacon flush when the page is hidden, retries that are not counted twice, the session
 * signal, and a checklist step that ticks in the open widget after the event that completes it.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { screenshot, zoneText } from "./support/browser.ts";
import { problems, startHarness, waitForState } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";
import { hostPage } from "./support/host.ts";

const TIMEOUT = 60_000;
const NONCE = "u5ag3n0nce";
let h: Harness;
let pages = 0;

const CHECKLIST = {
  title: { en: "Get started with Planboard", "zh-CN": "Planboard 快速上手" },
  steps: [
    {
      id: "create-task",
      title: { en: "Create your first task", "zh-CN": "创建第一个任务" },
      link: "/app#new-task",
      rule: { type: "event", event: "task_created", count: 1, scope: "user" },
    },
    {
      id: "invite",
      title: { en: "Invite two teammates", "zh-CN": "邀请两位同事" },
      link: "/settings/team",
      rule: { type: "event", event: "teammate_invited", count: 2, scope: "account" },
    },
    {
      id: "report",
      title: { en: "Open a report", "zh-CN": "打开一份报表" },
      rule: { type: "property", event: "feature.used", property: "module", equals: "reports" },
      firstValue: true,
    },
  ],
};

beforeAll(async () => {
  h = await startHarness({ seed: [] });
  const res = await h.tenure.api("PUT", "/v1/checklists/onboarding", CHECKLIST);
  expect(res.status, await res.text()).toBe(201);
  // End users see the vendor's labels for feature names, per locale ("Tasks" has none in Chinese: English then).
  const labels = await h.tenure.api("PATCH", "/v1/settings", { eventLabels: { Reports: { en: "Reports", "zh-CN": "报表" }, Tasks: { en: "Tasks" } } });
  expect(labels.status, await labels.text()).toBe(200);
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

function account(id: string, zh = false): Scenario {
  return {
    accountId: id,
    label: id,
    plan: "Team",
    account: zh ? { name: "华夏贸易", timezone: "Asia/Shanghai", locale: "zh-CN" } : { name: "Maple Works", timezone: "America/Toronto", locale: "en" },
    lastDayFromToday: 200,
    seats: 10,
    users: [
      { sub: "admin", name: "Ada Park", role: "admin", email: "ada@maple.test" },
      { sub: "member", name: "Mo Reyes", role: "member", email: "mo@maple.test" },
    ],
  };
}

/** The host page under `script-src 'self' 'nonce-…'; style-src 'self'`, as a seeded account's user. */
async function openStrict(scenario: Scenario, role: "admin" | "member" = "admin", before?: (page: Page) => Promise<void>): Promise<Page> {
  const path = `/usage-${++pages}`;
  const csp = `script-src 'self' 'nonce-${NONCE}'; style-src 'self'`;
  h.host.route(path, { body: hostPage(await h.snippetFor({ scenario, role, nonce: NONCE })), headers: { "Content-Security-Policy": csp } });
  const page = await h.visit(path, {}, before);
  await waitForState(page);
  return page;
}

async function seeded(scenario: Scenario): Promise<Scenario> {
  await h.tenure.seed(scenario);
  return scenario;
}

function tenure(page: Page, ...args: unknown[]): Promise<void> {
  return page.evaluate((a) => (window as unknown as { Tenure: (...x: unknown[]) => void }).Tenure(...a), args);
}

async function eventCounts(accountId: string): Promise<Record<string, number>> {
  const res = await h.tenure.api("GET", `/v1/accounts/${accountId}/usage?days=7`);
  expect(res.status).toBe(200);
  return ((await res.json()) as { totals: { events: Record<string, number> } }).totals.events;
}

/** Makes the page hidden, as switching tabs does, and tells it so. */
function hide(page: Page): Promise<void> {
  return page.evaluate(() => {
    Object.defineProperty(document, "visibilityState", { configurable: true, get: () => "hidden" });
    document.dispatchEvent(new Event("visibilitychange"));
  });
}

interface EventsRequest {
  type: string;
  names: string[];
  ids: string[];
}

/** Every request that carried tracked events to Tenure, in order. */
function recordEvents(page: Page): EventsRequest[] {
  const seen: EventsRequest[] = [];
  page.on("request", (req: Request) => {
    if (!req.url().endsWith("/v1/widget/events")) return;
    const body = JSON.parse(req.postData() ?? "{}") as { events?: Array<{ id: string; name: string }> };
    seen.push({ type: req.resourceType(), names: (body.events ?? []).map((e) => e.name), ids: (body.events ?? []).map((e) => e.id) });
  });
  return seen;
}

/** The session signal has gone out and been answered: nothing else is on its way. */
function sessionSignalAnswered(page: Page): Promise<unknown> {
  return page.waitForFunction(() =>
    Object.keys(sessionStorage).some((k) => k.startsWith("tenure:session:") && (JSON.parse(sessionStorage.getItem(k)!) as { sent?: boolean }).sent),
  );
}

const checklist = (page: Page) => page.locator('tenure-widget [part="checklist"]');
const step = (page: Page, id: string) => page.locator(`tenure-widget [part="checklist"] li[data-step="${id}"]`);
const cspViolations = (page: Page) => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);

describe("the onboarding checklist", () => {
  it(
    "ticks a step in the open checklist soon after Tenure('track') of the event that completes it",
    async () => {
      const s = await seeded(account("maple-works"));
      const page = await openStrict(s);
      await expect.poll(() => checklist(page).innerText()).toContain("Get started with Planboard · 0/3");
      await tenure(page, "open", "checklist");
      await expect.poll(() => step(page, "create-task").count()).toBe(1);
      expect(await step(page, "create-task").getAttribute("data-done")).toBe("false");
      expect(await checklist(page).innerText()).toContain("0 of 3 done");
      expect(await step(page, "create-task").locator("a").getAttribute("href")).toBe(`${h.host.origin}/app#new-task`);
      await screenshot(page, "18-checklist-open");
      const axe = await new AxeBuilder({ page }).include("tenure-widget").analyze();
      expect(axe.violations.map((v) => v.id)).toEqual([]);

      const started = Date.now();
      await tenure(page, "track", "task_created", { source: "board" });
      await expect.poll(() => step(page, "create-task").getAttribute("data-done"), { timeout: 5_000, interval: 50 }).toBe("true");
      console.log(`[e2e] checklist step ticked ${Date.now() - started} ms after Tenure('track')`);
      expect(await checklist(page).innerText()).toContain("1 of 3 done");

      // A property rule: the first report opened completes the first-value step.
      await tenure(page, "track", "feature.used", { feature: "report.open", module: "reports" });
      await expect.poll(() => step(page, "report").getAttribute("data-done"), { timeout: 5_000 }).toBe("true");
      // An account-wide step counts towards its target: 1 of 2 invitations.
      await tenure(page, "track", "teammate_invited");
      await expect.poll(() => step(page, "invite").innerText(), { timeout: 5_000 }).toContain("1 of 2");
      await screenshot(page, "19-checklist-ticked");
      expect(await cspViolations(page)).toEqual([]);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "ticks an account step in an open page when others complete it, through the push stream alone",
    async () => {
      const s = await seeded(account("maple-pushed-steps"));
      let streams = 0;
      const page = await openStrict(s, "admin", async (p) => {
        p.on("request", (req) => void (req.url().endsWith("/v1/widget/stream") && streams++));
        await p.clock.install();
      });
      await expect.poll(() => checklist(page).innerText()).toContain("Get started with Planboard · 0/3");
      await tenure(page, "open", "checklist");
      await expect.poll(() => step(page, "invite").count()).toBe(1);
      // Connected, then the page's own timers stop: the checklist's poll can no longer run.
      await expect.poll(() => streams).toBe(1);
      await page.waitForTimeout(500);
      await page.clock.pauseAt(Date.now() + 1000);
      // The vendor's server reports the invitations of another user of the account.
      const events = [1, 2].map((n) => ({
        id: `invite-${n}`,
        accountId: s.accountId,
        userId: "member",
        name: "teammate_invited",
        timestamp: new Date().toISOString(),
      }));
      const sent = await h.tenure.api("POST", "/v1/events", { events });
      expect(sent.status, await sent.clone().text()).toBe(202);
      await expect.poll(() => step(page, "invite").getAttribute("data-done"), { timeout: 5_000, interval: 100 }).toBe("true");
      expect(await checklist(page).innerText()).toContain("1 of 3 done");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows step titles in Chinese for a Chinese account, and remembers a snooze on the server",
    async () => {
      const s = await seeded(account("huaxia-onboarding", true));
      const page = await openStrict(s, "member");
      await expect.poll(() => checklist(page).count()).toBe(1);
      await tenure(page, "open", "checklist");
      await expect.poll(() => step(page, "create-task").count()).toBe(1);
      const text = await checklist(page).innerText();
      expect(text).toContain("创建第一个任务");
      expect(text.replace(/Planboard/g, "")).not.toMatch(/[A-Za-z]/);
      await screenshot(page, "20-checklist-zh-CN");
      const saved = page.waitForResponse((res) => res.url().endsWith("/v1/widget/checklist/dismiss") && res.status() === 200);
      await checklist(page).getByRole("button", { name: "明天再提醒我" }).click();
      await saved;
      expect(await checklist(page).count()).toBe(0);
      await page.reload();
      await waitForState(page);
      await page.waitForTimeout(500);
      expect(await checklist(page).count()).toBe(0);
      // Opened on purpose, it shows despite the snooze.
      await tenure(page, "open", "checklist");
      await expect.poll(() => step(page, "create-task").count()).toBe(1);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("usage signals", () => {
  it(
    "sends one session signal per page session, by itself",
    async () => {
      const s = await seeded(account("maple-sessions"));
      const page = await openStrict(s);
      const seen = recordEvents(page);
      await expect.poll(async () => (await eventCounts(s.accountId)).session ?? 0).toBe(1);
      const first = await page.evaluate(() => {
        const key = Object.keys(sessionStorage).find((k) => k.startsWith("tenure:session:"))!;
        return (JSON.parse(sessionStorage.getItem(key)!) as { event: { id: string } }).event.id;
      });
      await page.reload();
      await waitForState(page);
      await page.waitForTimeout(500);
      // The same page session: no new signal (at most the same one again, had it been in flight).
      expect(
        seen
          .filter((r) => r.names.includes("session"))
          .flatMap((r) => r.ids)
          .filter((id) => id !== first),
      ).toEqual([]);
      expect((await eventCounts(s.accountId)).session).toBe(1);
      // Another browser session (a new context) is a new page session.
      const other = await openStrict(s, "member");
      const otherSeen = recordEvents(other);
      await expect.poll(async () => (await eventCounts(s.accountId)).session).toBe(2);
      expect(otherSeen.every((r) => r.names.length === 1)).toBe(true);
      await page.context().close();
      await other.context().close();
    },
    TIMEOUT,
  );

  it(
    "delivers tracked events by sendBeacon when the page is hidden",
    async () => {
      const s = await seeded(account("maple-beacon"));
      const page = await openStrict(s);
      await sessionSignalAnswered(page);
      const seen = recordEvents(page);
      for (let i = 0; i < 3; i++) await tenure(page, "track", "task_created", { n: i });
      await hide(page);
      await expect.poll(async () => (await eventCounts(s.accountId)).task_created ?? 0).toBe(3);
      expect(seen).toEqual([{ type: "ping", names: ["task_created", "task_created", "task_created"], ids: expect.any(Array) }]);
      expect(new Set(seen[0]!.ids).size).toBe(3);
      expect(await cspViolations(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "sends a failed batch again with the same ids, and the server counts it once",
    async () => {
      const s = await seeded(account("maple-retry"));
      const page = await openStrict(s);
      await sessionSignalAnswered(page);
      const seen = recordEvents(page);
      let stored = false;
      // The batch reaches Tenure and is stored, but the answer is lost on the way back.
      await page.route("**/v1/widget/events", async (route) => {
        if (stored) return route.continue();
        const answer = await route.fetch();
        expect(answer.status()).toBe(202);
        stored = true;
        await route.fulfill({ status: 503, body: "" });
      });
      // While the checklist is open, events go out within a second.
      await tenure(page, "open", "checklist");
      await tenure(page, "track", "teammate_invited", { via: "email" });
      await tenure(page, "track", "teammate_invited", { via: "link" });
      await expect.poll(() => stored, { timeout: 5_000 }).toBe(true);
      expect((await eventCounts(s.accountId)).teammate_invited).toBe(2);
      // Still queued on the widget's side: the page is hidden, the beacon carries the same ids.
      await hide(page);
      await expect.poll(() => seen.length, { timeout: 5_000 }).toBe(2);
      expect(seen[1]!.ids).toEqual(seen[0]!.ids);
      await page.waitForTimeout(300);
      expect((await eventCounts(s.accountId)).teammate_invited).toBe(2);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("the reminder notice", () => {
  /** Waits for the scheduler (ticking every 5 s) to deliver the account's in-app milestone. */
  async function noticeDelivered(s: Scenario): Promise<void> {
    const userToken = await h.tenure.token({ sub: "admin", acct: s.accountId, role: "admin" });
    await expect
      .poll(
        async () => {
          const res = await fetch(`${h.tenure.url}/v1/widget/recap`, {
            method: "POST",
            body: JSON.stringify({ publishableKey: h.tenure.publishableKey, userToken }),
          });
          return ((await res.json()) as { notice: { kind: string } | null }).notice?.kind ?? null;
        },
        { timeout: 15_000, interval: 500 },
      )
      .not.toBeNull();
  }

  /** Usage this term, sent as a vendor's backend would: three people (the visitor among them), reports most of all. */
  async function usage(accountId: string): Promise<void> {
    const at = (hoursAgo: number): string => new Date(h.tenure.now() - hoursAgo * 3_600_000).toISOString();
    const events = [
      ...["admin", "ben", "chen"].map((user, i) => ({ id: `${accountId}-s-${i}`, accountId, userId: user, name: "session", timestamp: at(30 + i) })),
      ...[0, 1, 2, 3].map((i) => ({
        id: `${accountId}-r-${i}`,
        accountId,
        userId: "admin",
        name: "feature.used",
        properties: { feature: "Reports", module: "reports" },
        timestamp: at(20 + i),
      })),
      ...[0, 1].map((i) => ({
        id: `${accountId}-t-${i}`,
        accountId,
        userId: "ben",
        name: "feature.used",
        properties: { feature: "Tasks", module: "board" },
        timestamp: at(10 + i),
      })),
    ];
    const res = await h.tenure.api("POST", "/v1/events", { events });
    expect(res.status, await res.text()).toBe(202);
  }

  it(
    "on the last day, says exactly when access ends, with the team's usage",
    async () => {
      const s = await seeded({ ...account("maple-last-day"), lastDayFromToday: 0 });
      await usage(s.accountId);
      await noticeDelivered(s);
      const page = await openStrict(s);
      const notice = page.locator('tenure-widget [part="notice"]');
      await expect.poll(() => notice.count(), { timeout: 5_000 }).toBe(1);
      expect(await notice.getAttribute("data-notice")).toBe("last_day");
      const res = await h.tenure.api("GET", `/v1/accounts/${s.accountId}/entitlement`);
      const end = Date.parse(((await res.json()) as { accessEndsAt: string }).accessEndsAt);
      const last = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "America/Toronto" }).format(end - 1);
      const text = await notice.innerText();
      expect(text).toContain(`Access until ${last} 23:59 (${zoneText(end - 1, "America/Toronto")})`);
      expect(text).toContain("We'll keep everything exactly as your team left it. Renew today so nothing changes for them.");
      expect(text).toMatch(/3 people on your team used Planboard since \d{1,2} \w{3} \d{4}, most of all Reports, Tasks\./);
      await screenshot(page, "21-notice-last-day");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "personalises an earlier reminder in Chinese",
    async () => {
      const s = await seeded({ ...account("huaxia-reminder", true), lastDayFromToday: 5 });
      await usage(s.accountId);
      await noticeDelivered(s);
      const page = await openStrict(s);
      const notice = page.locator('tenure-widget [part="notice"]');
      await expect.poll(() => notice.count(), { timeout: 5_000 }).toBe(1);
      expect(await notice.getAttribute("data-notice")).toBe("7");
      const text = await notice.innerText();
      expect(text).toMatch(/自 \d{4}年\d{1,2}月\d{1,2}日 起，您团队中有 3 人使用了Planboard，用得最多的是报表、Tasks。/);
      await page.context().close();
    },
    TIMEOUT,
  );
});
