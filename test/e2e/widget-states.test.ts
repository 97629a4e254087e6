/**
 * Every state the end user can be in, rendered by the real widget from the real server in
 * real Chromium, with a screenshot of each under test-artifacts/.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostEvents, screenshot, zoneText } from "./support/browser.ts";
import { scenario, startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";

let h: Harness;
const TIMEOUT = 60_000;

beforeAll(async () => {
  h = await startHarness();
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

const banner = (page: Page) => page.locator('tenure-widget [part~="banner"]');
const lockModal = (page: Page) => page.locator('tenure-widget dialog[part="lock-modal"]');

async function lastState(page: Page): Promise<unknown> {
  const states = (await hostEvents(page)).filter((e) => e[0] === "state");
  return states.at(-1)?.[1];
}

async function entitlement(accountId: string): Promise<{ accessEndsAt: string; graceEndsAt: string }> {
  const res = await h.tenure.api("GET", `/v1/accounts/${accountId}/entitlement`);
  expect(res.status).toBe(200);
  return (await res.json()) as { accessEndsAt: string; graceEndsAt: string };
}

function minute(instant: number, timeZone: string, locale = "en-GB"): string {
  const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
  return `${date} ${time}`;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).include("tenure-widget").analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

describe("the widget in each state", () => {
  it(
    "shows nothing for an active account and tells the host it is active",
    async () => {
      const page = await h.open({ scenario: "acme-robotics" });
      expect(await lastState(page)).toEqual({ state: "active", lockMode: "soft", readOnly: false, blocked: false });
      expect(await banner(page).count()).toBe(0);
      expect(await page.locator("tenure-widget dialog").count()).toBe(0);
      await screenshot(page, "01-active");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows the exact end in the account's zone and in the viewer's own zone while expiring",
    async () => {
      const page = await h.open({ scenario: "borealis-labs", context: { timezoneId: "Asia/Tokyo" } });
      const end = Date.parse((await entitlement("borealis-labs")).accessEndsAt);
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("expiring");
      const text = await banner(page).innerText();
      expect(text).toContain(`Access until ${minute(end - 1, "Europe/Berlin")} (${zoneText(end - 1, "Europe/Berlin")})`);
      expect(minute(end - 1, "Europe/Berlin")).toMatch(/ 23:59$/);
      expect(text).toContain(`Your time: ${minute(end - 1, "Asia/Tokyo")} (${zoneText(end - 1, "Asia/Tokyo")})`);
      expect(await banner(page).getAttribute("data-tone")).toBe("warning");
      await expect.poll(() => page.locator('tenure-widget [part="countdown"]').innerText()).toMatch(/^Time left\s+2 days \d+ hours?$/);
      expect(await page.locator('tenure-widget [part="renew-button"]').innerText()).toBe("Renew now");
      await screenshot(page, "02-expiring-3-days");
      await expectNoAxeViolations(page);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "speaks louder on the last day, entirely in Chinese for a Chinese account",
    async () => {
      const page = await h.open({ scenario: "cathay-trading", context: { locale: "en-US" } });
      await expect.poll(() => banner(page).getAttribute("data-tone")).toBe("critical");
      const text = await banner(page).innerText();
      expect(text).toContain("今天是您Planboard订阅的最后一天");
      expect(text).toMatch(/可使用至 \d{4}年\d{1,2}月\d{1,2}日 23:59（中国标准时间 · Asia\/Shanghai）/);
      expect(text).toContain("您的当地时间");
      // Only the product's name and IANA zone names may be Latin; no English words are left.
      const rest = text.replace(/Planboard|Asia\/Shanghai|Europe\/Paris/g, "");
      expect(rest).not.toMatch(/[A-Za-z]/);
      const buttons = await page
        .locator("tenure-widget button")
        .evaluateAll((els) => els.map((el) => `${el.textContent} ${el.getAttribute("aria-label") ?? ""}`).join(" "));
      expect(buttons.replace(/Planboard/g, "")).not.toMatch(/[A-Za-z]/);
      await screenshot(page, "03-last-day-zh-CN");
      await expectNoAxeViolations(page);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "counts down to the end of grace with the renew action",
    async () => {
      const page = await h.open({ scenario: "delta-freight" });
      expect(await lastState(page)).toEqual({ state: "grace", lockMode: "soft", readOnly: false, blocked: false });
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("grace");
      const grace = Date.parse((await entitlement("delta-freight")).graceEndsAt);
      const datetime = await page.locator('tenure-widget [part="countdown"] time').getAttribute("datetime");
      const shown = isoMs(datetime);
      const expected = grace - h.tenure.now();
      expect(Math.abs(shown - expected), `${datetime} vs ${expected} ms`).toBeLessThan(10_000);
      expect(await banner(page).innerText()).toContain("Grace period ends in");
      expect(await page.locator('tenure-widget [part="renew-button"]').count()).toBe(1);
      await screenshot(page, "04-grace");
      await expectNoAxeViolations(page);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "opens a soft lock that ESC closes and the next navigation brings back",
    async () => {
      const page = await h.open({ scenario: "emerald-studio" });
      await expect.poll(() => lockModal(page).evaluate((d: HTMLDialogElement) => d.open && d.matches(":modal"))).toBe(true);
      expect(await lockModal(page).locator("[data-lock-mode]").getAttribute("data-lock-mode")).toBe("soft");
      await screenshot(page, "05-locked-soft");
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect.poll(() => lockModal(page).count()).toBe(0);
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("locked");
      await screenshot(page, "05b-locked-soft-closed");
      await page.evaluate(() => history.pushState({}, "", "#team"));
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "tells the host read-only and keeps the read-only lock open on ESC, in Chinese",
    async () => {
      const page = await h.open({ scenario: "fuxing-media" });
      expect(await lastState(page)).toEqual({ state: "locked", lockMode: "read_only", readOnly: true, blocked: false });
      await expect.poll(() => lockModal(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      const text = await lockModal(page).innerText();
      expect(text).toContain("只读");
      // Only the product's name, the support address and IANA zone names may be Latin.
      expect(text.replace(/Planboard|billing@planboard\.test|Asia\/Shanghai|Europe\/Paris/g, "")).not.toMatch(/[A-Za-z]/);
      await screenshot(page, "06-locked-read-only-zh-CN");
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");
      expect(await lockModal(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      await page.locator("tenure-widget button", { hasText: "以只读方式继续" }).click();
      await expect.poll(() => lockModal(page).count()).toBe(0);
      expect(await banner(page).innerText()).toContain("只读");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "keeps a hard lock open: no close button, and neither ESC nor close() dismisses it",
    async () => {
      const page = await h.open({ scenario: "granite-legal" });
      await expect.poll(() => lockModal(page).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
      // The host must refuse writes and hide its data.
      expect(await lastState(page)).toEqual({ state: "locked", lockMode: "hard", readOnly: true, blocked: true });
      // The way out and the "don't renew" answer; nothing that closes it.
      expect(await lockModal(page).locator("button").allInnerTexts()).toEqual(["Renew now", "Don't renew"]);
      await screenshot(page, "07-locked-hard");
      await expectNoAxeViolations(page);
      for (let i = 0; i < 3; i++) await page.keyboard.press("Escape");
      await lockModal(page).evaluate((d: HTMLDialogElement) => d.close());
      await expect.poll(() => lockModal(page).evaluate((d: HTMLDialogElement) => d.open && d.matches(":modal"))).toBe(true);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "moves focus into the lock modal and keeps it there",
    async () => {
      const page = await h.open({ scenario: "emerald-studio" });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      const focusedPart = (): Promise<string | null> =>
        page.evaluate(() => {
          const active = document.querySelector("tenure-widget")?.shadowRoot?.activeElement;
          return active ? (active.closest("dialog")?.getAttribute("part") ?? "outside") : null;
        });
      await expect.poll(focusedPart).toBe("lock-modal");
      for (let i = 0; i < 7; i++) {
        await page.keyboard.press(i % 3 === 2 ? "Shift+Tab" : "Tab");
        expect(await focusedPart()).toBe("lock-modal");
      }
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows admins seats used against licensed, with a warning near the limit",
    async () => {
      const page = await h.open({ scenario: "harbor-health" });
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "seats"));
      const panel = page.locator('tenure-widget dialog[part="seats"]');
      await expect.poll(() => panel.count()).toBe(1);
      const text = await panel.innerText();
      expect(text).toContain("11 of 12 seats used");
      expect(text).toContain("10 purchased + 2 bonus");
      expect(text).toContain("close to your seat limit");
      expect(await panel.locator('[role="meter"]').getAttribute("aria-valuenow")).toBe("11");
      await screenshot(page, "08-seats-near-limit");
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect.poll(() => panel.count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "does not show the seats panel to members",
    async () => {
      const page = await h.open({ scenario: "harbor-health", role: "member" });
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "seats"));
      await page.waitForTimeout(200);
      expect(await page.locator('tenure-widget [part="seats"]').count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "starts a renewal in one click, opens the signed renewal URL in a new tab and tells the host",
    async () => {
      const page = await h.open({ scenario: "granite-legal" });
      await page.context().route("https://billing.planboard.test/**", (route) => route.fulfill({ body: "<title>Billing</title>", contentType: "text/html" }));
      const popup = page.context().waitForEvent("page");
      await page.locator('tenure-widget [part="renew-button"]').click();
      const opened = await popup;
      await opened.waitForURL(/^https:\/\/billing\.planboard\.test\/renew\?account=granite-legal&renewal=ren_\w+&.*signature=[0-9a-f]{64}$/);
      const renewals = (await hostEvents(page)).filter((e) => e[0] === "renewal");
      expect(renewals).toEqual([["renewal", { action: "started", via: "url" }]]);
      // The renewal's 24-hour hold lifts the lock while payment completes.
      await expect.poll(() => lockModal(page).count()).toBe(0);
      const panel = page.locator('tenure-widget dialog[part="renew-dialog"]');
      await expect.poll(() => panel.locator('[part="renewal-status"]').count()).toBe(1);
      expect(await panel.innerText()).toContain("Access held until");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "leaves a link to the checkout when the browser blocks the new tab",
    async () => {
      const s = { ...scenario("granite-legal"), accountId: "granite-popup" };
      await h.tenure.seed(s);
      const page = await h.open({ scenario: s, before: async (p) => void (await p.addInitScript(() => void (window.open = () => null))) });
      await page.locator('tenure-widget [part="renew-button"]').click();
      const status = page.locator('tenure-widget dialog[part="renew-dialog"] [part="renewal-status"]');
      await expect.poll(() => status.count()).toBe(1);
      expect(await status.innerText()).toContain("Your browser did not open the checkout tab.");
      const link = status.getByRole("link", { name: "Open the checkout" });
      expect(await link.getAttribute("href")).toMatch(/^https:\/\/billing\.planboard\.test\/renew\?account=granite-popup&renewal=ren_/);
      expect(await link.getAttribute("target")).toBe("_blank");
      await screenshot(page, "22-renewal-popup-blocked");
      await expectNoAxeViolations(page);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "opens the renew dialog on request while access is active, and ESC closes it",
    async () => {
      const page = await h.open({ scenario: "acme-robotics" });
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "renew"));
      const dialog = page.locator('tenure-widget dialog[part="renew-dialog"]');
      await expect.poll(() => dialog.count()).toBe(1);
      expect(await dialog.innerText()).toMatch(/Ends \w{3} \d{1,2}, \d{4} 23:59 \(Eastern (Standard|Daylight) Time · America\/New_York\)/);
      expect(await dialog.locator('[part="renew-button"]').count()).toBe(1);
      await expectNoAxeViolations(page);
      await page.keyboard.press("Escape");
      await expect.poll(() => dialog.count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "remembers a banner dismissal for the user on the server, across page loads",
    async () => {
      const page = await h.open({ scenario: "borealis-labs", role: "member" });
      await expect.poll(() => banner(page).count()).toBe(1);
      const saved = page.waitForResponse((res) => res.url().endsWith("/v1/widget/preferences") && res.status() === 200);
      await page.locator("tenure-widget button.x").click();
      await saved;
      expect(await banner(page).count()).toBe(0);
      const again = await page.context().newPage();
      await again.goto(page.url());
      await again.waitForFunction(() => (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some((e) => e[0] === "state"));
      expect(await lastState(again)).toMatchObject({ state: "expiring" });
      expect(await banner(again).count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );
});

function isoMs(text: string | null): number {
  const match = /^P(\d+)DT(\d+)H(\d+)M(\d+)S$/.exec(text ?? "");
  if (!match) throw new Error(`not an ISO duration: ${text}`);
  const [d, hh, m, s] = match.slice(1).map(Number) as [number, number, number, number];
  return ((d * 24 + hh) * 60 + m) * 60_000 + s * 1000;
}
