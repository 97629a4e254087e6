/**
 * The renewal playbook in the real widget, in real Chromium against the real server: the
 * decline flow's offer step (accepted, and turned down) and the NPS question (answered, and
 * dismissed), in English and Chinese, axe-checked, with screenshots at 1280 and 390 px in
 * /tmp/shots-16/.
 */
import { mkdirSync } from "node:fs";
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { problems, startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";

const TIMEOUT = 90_000;
const SHOTS = "/tmp/shots-16";
let h: Harness;

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  h = await startHarness({ seed: [], renewalUrl: null });
  const res = await h.tenure.api("PATCH", "/v1/settings", {
    declineOffers: { too_expensive: { kind: "discount", percent: 20 }, budget: { kind: "twelve_plus_one" } },
    // The NPS question opens 10 days before the end: the offer accounts (20 days out) are not asked yet.
    nps: { enabled: true, daysBefore: 10 },
  });
  expect(res.status, await res.text()).toBe(200);
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

function account(id: string, lastDayFromToday: number, zh = false): Scenario {
  return {
    accountId: id,
    label: id,
    plan: "Team",
    lockMode: "soft",
    account: zh ? { name: "复兴传媒", timezone: "Asia/Shanghai", locale: "zh-CN" } : { name: "Oak & Ash", timezone: "Europe/Berlin", locale: "en" },
    lastDayFromToday,
    seats: 5,
    amount: zh ? { value: 3_600_000, currency: "CNY" } : { value: 120_000, currency: "EUR" },
    users: [
      { sub: "admin", name: "Ada Park", role: "admin", email: "ada@oak.test" },
      { sub: "member", name: "Mo Reyes", role: "member", email: "mo@oak.test" },
    ],
  };
}

async function seeded(scenario: Scenario): Promise<Scenario> {
  await h.tenure.seed(scenario);
  return scenario;
}

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await h.tenure.api(method, path, body);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

const banner = (page: Page) => page.locator('tenure-widget [part~="banner"]');
const offerDialog = (page: Page) => page.locator('tenure-widget dialog[part="offer"]');
const declineDialog = (page: Page) => page.locator('tenure-widget dialog[part="decline-dialog"]');
const nps = (page: Page) => page.locator('tenure-widget [part="nps"]');

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).include("tenure-widget").analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Screenshots at 1280 px (as opened) and at 390 px, where the part must stay on screen. */
async function shoot(page: Page, name: string, part: () => ReturnType<typeof nps>): Promise<void> {
  await page.screenshot({ path: `${SHOTS}/${name}-1280.png` });
  await page.setViewportSize({ width: 390, height: 844 });
  await expect.poll(async () => (await part().boundingBox())?.width ?? 0).toBeGreaterThan(0);
  const box = (await part().boundingBox())!;
  expect(box.x).toBeGreaterThanOrEqual(0);
  expect(box.x + box.width).toBeLessThanOrEqual(390);
  await page.screenshot({ path: `${SHOTS}/${name}-390.png` });
  await expectNoAxeViolations(page);
  await page.setViewportSize({ width: 1280, height: 800 });
}

async function pickReasonAndSend(page: Page, reason: string, send: string): Promise<void> {
  const dialog = declineDialog(page);
  await expect.poll(() => dialog.count()).toBe(1);
  await dialog.getByLabel(reason, { exact: true }).check();
  await dialog.getByRole("button", { name: send }).click();
}

describe("the offer step of the decline flow", () => {
  it(
    "shows the discount in exact amounts and dates after the reason, and accepting it records the offer instead of a decline",
    async () => {
      const s = await seeded(account("oak-offer", 20));
      const page = await h.open({ scenario: s });
      await expect.poll(() => banner(page).count()).toBe(1);
      await banner(page).getByRole("button", { name: "Don't renew" }).click();
      await pickReasonAndSend(page, "Too expensive", "Send");
      const dialog = offerDialog(page);
      await expect.poll(() => dialog.count()).toBe(1);
      const text = await dialog.innerText();
      // €1,200.00 is the next term's price (no uplift); 20 % off is €960.00.
      expect(text).toContain("Before you go: an offer for you");
      expect(text).toMatch(/Renew for 20% off: €960\.00 instead of €1,200\.00 for the next term, \d{1,2} \w{3} \d{4} – \d{1,2} \w{3} \d{4}\./);
      expect(text).toContain("Times are in Europe/Berlin.");
      await expectNoAxeViolations(page);
      await shoot(page, "offer-en", () => dialog);

      await dialog.getByRole("button", { name: "Accept offer" }).click();
      await expect.poll(() => dialog.locator("h2").innerText()).toBe("Offer accepted");
      expect(await dialog.innerText()).toContain("It applies when you renew. Renew now to keep it.");
      await expectNoAxeViolations(page);
      const offers = await api<{ data: Array<{ kind: string; status: string; decidedBy: string }> }>("GET", `/v1/accounts/${s.accountId}/offers`);
      expect(offers.data).toEqual([expect.objectContaining({ kind: "discount", status: "accepted", decidedBy: "admin" })]);
      const renewals = await api<{ declines: unknown[] }>("GET", `/v1/accounts/${s.accountId}/renewals`);
      expect(renewals.declines).toEqual([]);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows 12 + 1 in Chinese, and turning it down still declines with the reason",
    async () => {
      const s = await seeded(account("fuxing-offer", 20, true));
      const page = await h.open({ scenario: s });
      await expect.poll(() => banner(page).count()).toBe(1);
      await banner(page).getByRole("button", { name: "不续费" }).click();
      await pickReasonAndSend(page, "目前没有预算", "提交");
      const dialog = offerDialog(page);
      await expect.poll(() => dialog.count()).toBe(1);
      const text = await dialog.innerText();
      expect(text).toContain("在您离开之前：为您准备的优惠");
      expect(text).toMatch(/续费一期（\d{4}年\d{1,2}月\d{1,2}日 – \d{4}年\d{1,2}月\d{1,2}日），再免费多送一个月：访问权限至 \d{4}年\d{1,2}月\d{1,2}日 23:59。/);
      expect(text.replace(/Asia\/Shanghai/g, "")).not.toMatch(/[A-Za-z]/);
      await expectNoAxeViolations(page);
      await shoot(page, "offer-zh-CN", () => dialog);

      await dialog.getByRole("button", { name: "不用了，不续费" }).click();
      await expect.poll(() => declineDialog(page).locator("h2").innerText()).toBe("感谢您的反馈");
      const offers = await api<{ data: Array<{ kind: string; status: string }> }>("GET", `/v1/accounts/${s.accountId}/offers`);
      expect(offers.data).toEqual([expect.objectContaining({ kind: "twelve_plus_one", status: "declined" })]);
      const renewals = await api<{ declines: Array<{ reason: string }> }>("GET", `/v1/accounts/${s.accountId}/renewals`);
      expect(renewals.declines).toEqual([expect.objectContaining({ reason: "budget" })]);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("the NPS question", () => {
  it(
    "asks 0–10 with a comment inside its window; the answer reaches the health score and is not asked again",
    async () => {
      const s = await seeded(account("oak-nps", 5));
      const page = await h.open({ scenario: s, role: "member" });
      const card = nps(page);
      await expect.poll(() => card.count()).toBe(1);
      expect(await card.locator("h2").innerText()).toBe("How likely are you to recommend Planboard to a friend or colleague?");
      await expectNoAxeViolations(page);
      await shoot(page, "nps-en", () => card);

      await card.getByRole("button", { name: "Send" }).click();
      expect(await card.getByRole("alert").innerText()).toBe("Choose a score from 0 to 10.");
      await card.getByRole("radio", { name: "9", exact: true }).check({ force: true });
      await card.getByLabel("What is the main reason for your score? (optional)").fill("Saves us hours");
      await card.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => card.getByRole("status").innerText()).toBe("Thank you — your answer helps the Planboard team.");
      const health = await api<{ measures: Array<{ metric: string; value: number | null }> }>("GET", `/v1/accounts/${s.accountId}/health`);
      expect(health.measures.find((m) => m.metric === "nps")?.value).toBe(100);
      await card.getByRole("button", { name: "Close" }).click();
      await expect.poll(() => card.count()).toBe(0);

      await page.reload();
      await expect.poll(() => banner(page).count()).toBe(1);
      await page.waitForTimeout(500);
      expect(await card.count()).toBe(0);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "asks in Chinese and can be dismissed for the term",
    async () => {
      const s = await seeded(account("fuxing-nps", 5, true));
      const page = await h.open({ scenario: s, role: "member" });
      const card = nps(page);
      await expect.poll(() => card.count()).toBe(1);
      const text = await card.innerText();
      expect(text).toContain("您有多大可能向朋友或同事推荐Planboard？");
      expect(text.replace(/Planboard/g, "")).not.toMatch(/[A-Za-z]/);
      await expectNoAxeViolations(page);
      await shoot(page, "nps-zh-CN", () => card);

      const answered = page.waitForResponse((res) => res.url().endsWith("/v1/widget/nps/answer"));
      await card.getByRole("button", { name: "以后再说" }).click();
      expect((await answered).status()).toBe(201);
      await expect.poll(() => card.count()).toBe(0);
      await page.reload();
      await expect.poll(() => banner(page).count()).toBe(1);
      await page.waitForTimeout(500);
      expect(await card.count()).toBe(0);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );
});
