/**
 * Every end-user state of the widget, at a desktop (1280 px) and a phone (390 px) width: the
 * nine demo accounts plus the moments a renewal passes through (the renewal panel while an
 * invoice is pending, the one-time "Renewed until …"), the seats panel and the checklist.
 * Each is screenshotted for a person to look at, and checked for what a person would notice
 * at once: nothing wider than the screen, nothing outside it, no axe violations.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SCENARIOS } from "../../demo/scenarios.ts";
import type { Scenario } from "../../demo/scenarios.ts";
import { screenshot } from "./support/browser.ts";
import { problems, startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";

const TIMEOUT = 120_000;
const WIDTHS = [1280, 390] as const;
let h: Harness;

beforeAll(async () => {
  // Invoices: a pending renewal is a state the page stays in.
  h = await startHarness({ seed: [], renewalUrl: null });
  const res = await h.tenure.api("PUT", "/v1/checklists/onboarding", {
    title: { en: "Get started", "zh-CN": "快速上手" },
    steps: [
      {
        id: "create",
        title: { en: "Create your first project", "zh-CN": "创建第一个项目" },
        rule: { type: "event", event: "project_created", count: 1, scope: "user" },
      },
      {
        id: "invite",
        title: { en: "Invite a teammate", "zh-CN": "邀请一位同事" },
        rule: { type: "event", event: "teammate_invited", count: 1, scope: "account" },
      },
    ],
  });
  expect(res.status, await res.text()).toBe(201);
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

/** The widget's visible parts: none may reach past the viewport's edges. */
async function outsideViewport(page: Page, width: number): Promise<string[]> {
  return page.evaluate((w) => {
    const root = document.querySelector("tenure-widget")?.shadowRoot;
    if (!root) return ["no widget"];
    const out: string[] = [];
    for (const el of Array.from(root.querySelectorAll<HTMLElement>("[part], dialog"))) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.height === 0) continue;
      if (box.left < -0.5 || box.right > w + 0.5) out.push(`${el.getAttribute("part") ?? el.tagName}: ${Math.round(box.left)}–${Math.round(box.right)}`);
    }
    if (document.documentElement.scrollWidth > w) out.push(`page scrolls sideways: ${document.documentElement.scrollWidth}`);
    return out;
  }, width);
}

async function check(page: Page, name: string, width: number): Promise<void> {
  await page.waitForTimeout(300);
  await screenshot(page, `gallery-${width}-${name}`);
  expect(await outsideViewport(page, width), name).toEqual([]);
  const axe = await new AxeBuilder({ page }).include("tenure-widget").analyze();
  expect(
    axe.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`),
    name,
  ).toEqual([]);
  expect(problems(page), name).toEqual([]);
}

function viewport(width: number): { viewport: { width: number; height: number } } {
  return { viewport: { width, height: width > 600 ? 800 : 844 } };
}

const widget = (page: Page, selector: string) => page.locator(`tenure-widget ${selector}`);
const tenure = (page: Page, ...args: unknown[]): Promise<void> =>
  page.evaluate((a) => (window as unknown as { Tenure: (...x: unknown[]) => void }).Tenure(...a), args);

for (const width of WIDTHS) {
  describe(`every state at ${width} px`, () => {
    it(
      "shows each demo account's state within the screen, accessibly",
      async () => {
        for (const base of SCENARIOS) {
          const scenario: Scenario = { ...base, accountId: `${base.accountId}-${width}` };
          await h.tenure.seed(scenario);
          const page = await h.open({ scenario, context: viewport(width) });
          if (scenario.lockMode || scenario.lastDayFromToday < 0) await page.waitForTimeout(500);
          await check(page, base.accountId, width);
          await page.context().close();
        }
      },
      TIMEOUT * 3,
    );

    it(
      "opens Plan & seats and the checklist within the screen",
      async () => {
        const scenario: Scenario = { ...SCENARIOS.find((s) => s.accountId === "harbor-health")!, accountId: `harbor-panels-${width}` };
        await h.tenure.seed(scenario);
        const page = await h.open({ scenario, context: viewport(width) });
        await tenure(page, "open", "seats");
        await expect.poll(() => widget(page, 'dialog[part="seats"]').count()).toBe(1);
        await check(page, "seats-panel", width);
        await page.keyboard.press("Escape");
        await tenure(page, "open", "checklist");
        await expect.poll(() => widget(page, '[part="checklist"] li').count()).toBe(2);
        await check(page, "checklist-open", width);
        await page.context().close();
      },
      TIMEOUT,
    );

    it(
      "walks a renewal: the pending invoice panel, then the one-time confirmation",
      async () => {
        const scenario: Scenario = { ...SCENARIOS.find((s) => s.accountId === "emerald-studio")!, accountId: `emerald-renewal-${width}` };
        await h.tenure.seed(scenario);
        const page = await h.open({ scenario, context: viewport(width) });
        await expect.poll(() => widget(page, 'dialog[part="lock-modal"]').count()).toBe(1);
        await widget(page, '[part="renew-button"]').first().click();
        await expect.poll(() => widget(page, "[data-reference]").count()).toBe(1);
        await check(page, "renewal-pending", width);
        const list = (await (await h.tenure.api("GET", `/v1/accounts/${scenario.accountId}/renewals`)).json()) as { data: Array<{ id: string }> };
        const done = await h.tenure.api("POST", `/v1/accounts/${scenario.accountId}/renewals/${list.data[0]!.id}/complete`);
        expect(done.status, await done.clone().text()).toBeLessThan(300);
        await expect.poll(() => widget(page, '[data-state="renewed"]').count(), { timeout: 15_000 }).toBe(1);
        await check(page, "renewed", width);
        await page.context().close();
      },
      TIMEOUT,
    );
  });
}
