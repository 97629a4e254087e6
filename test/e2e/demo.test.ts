/**
 * The demo host app (`npm start`): every seeded account renders its state through the real
 * snippet under the demo's strict CSP, and the host reacts to what Tenure tells it.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../../demo/server.ts";
import { SCENARIOS } from "../../demo/scenarios.ts";
import type { DemoServer } from "../../demo/server.ts";
import { launchChromium, screenshot } from "./support/browser.ts";
import { assertWidgetBuilt, WIDGET_DIR } from "./support/tenure.ts";

const TIMEOUT = 120_000;
let demo: DemoServer;
let browser: Browser;
let dir: string;

/** The demo's tenant must know its own origin, so the port is picked before it starts. */
function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

beforeAll(async () => {
  assertWidgetBuilt();
  dir = mkdtempSync(join(tmpdir(), "tenure-demo-"));
  demo = await startDemo({ port: await freePort(), databaseUrl: "file:" + join(dir, "demo.db"), widgetDir: WIDGET_DIR });
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function visit(account: string, user: "admin" | "member", viewport = { width: 1280, height: 800 }): Promise<{ page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport, timezoneId: "Europe/Paris" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("favicon") && errors.push(m.text()));
  await page.goto(`${demo.url}/demo/?account=${account}&user=${user}`);
  await expect.poll(() => page.locator("#tenure-state").innerText(), { timeout: 10_000 }).not.toBe("state: …");
  return { page, errors };
}

const EXPECTED: Record<string, string> = {
  "acme-robotics": "state: active",
  "borealis-labs": "state: expiring",
  "cathay-trading": "state: expiring",
  "delta-freight": "state: grace",
  "emerald-studio": "state: locked (soft)",
  "fuxing-media": "state: locked (read_only)",
  "granite-legal": "state: locked (hard)",
  "harbor-health": "state: active",
  "ivy-onboarding": "state: active",
};

describe("the demo host app", () => {
  it(
    "renders every seeded account's state through the real snippet with no CSP violation",
    async () => {
      for (const scenario of SCENARIOS) {
        const { page, errors } = await visit(scenario.accountId, "admin");
        expect(await page.locator("#tenure-state").innerText(), scenario.accountId).toBe(EXPECTED[scenario.accountId]);
        if (scenario.accountId === "harbor-health") {
          await page.getByRole("button", { name: "Plan & seats" }).click();
          await expect.poll(() => page.locator('tenure-widget dialog[part="seats"]').count()).toBe(1);
        }
        await page.waitForTimeout(150);
        await screenshot(page, `demo-${scenario.accountId}`);
        expect(errors, scenario.accountId).toEqual([]);
        await page.context().close();
      }
    },
    TIMEOUT,
  );

  it(
    "fits a 390 px phone: no horizontal scrolling, the widget's lock modal inside the screen",
    async () => {
      const { page, errors } = await visit("emerald-studio", "admin", { width: 390, height: 844 });
      const modal = page.locator('tenure-widget dialog[part="lock-modal"]');
      await expect.poll(() => modal.count()).toBe(1);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      const box = (await modal.boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
      await screenshot(page, "demo-390-locked-soft");
      await modal.locator("button", { hasText: "Not now" }).click();
      await expect.poll(() => modal.count()).toBe(0);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
      await screenshot(page, "demo-390-app");
      expect(errors).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "hides the account's data in a hard lock (blocked) and shows it otherwise",
    async () => {
      const hard = await visit("granite-legal", "member");
      await expect.poll(() => hard.page.locator(".board").isHidden()).toBe(true);
      await hard.page.context().close();
      const open = await visit("acme-robotics", "member");
      expect(await open.page.locator(".board").isVisible()).toBe(true);
      await open.page.context().close();
    },
    TIMEOUT,
  );

  it(
    "switches writes off in the host when Tenure says read-only",
    async () => {
      const { page } = await visit("fuxing-media", "member");
      expect(await page.locator("#read-only").isVisible()).toBe(true);
      expect(await page.locator('#new-task button[type="submit"]').isDisabled()).toBe(true);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "signs the user out of the widget on logout and keeps the app usable",
    async () => {
      const { page } = await visit("emerald-studio", "member");
      await expect.poll(() => page.locator('tenure-widget dialog[part="lock-modal"]').count()).toBe(1);
      await page.keyboard.press("Escape");
      await page.locator("#logout").click();
      expect(await page.locator("tenure-widget").count()).toBe(0);
      expect(await page.locator("#signed-out").isVisible()).toBe(true);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "renews a locked account end to end: renew in the widget, pay on Planboard's billing page, the widget unlocks",
    async () => {
      const { page, errors } = await visit("emerald-studio", "admin");
      await expect.poll(() => page.locator('tenure-widget dialog[part="lock-modal"]').count()).toBe(1);
      const billingTab = page.context().waitForEvent("page");
      await page.locator('tenure-widget [part="renew-button"]').click();
      const billing = await billingTab;
      await billing.waitForURL(/\/demo\/billing\?account=emerald-studio&renewal=ren_\w+&/);
      expect(await billing.locator("h1").innerText()).toBe("Renew Emerald Studio");
      expect(await billing.locator(".facts").innerText()).toContain("£600.00");
      await screenshot(billing, "demo-billing-checkout");
      // Back in Planboard meanwhile: the renewal's hold has lifted the lock.
      await expect.poll(() => page.locator("#tenure-state").innerText()).toBe("state: expiring");
      const paid = billing.waitForResponse((res) => res.url().endsWith("/demo/billing/pay"));
      await billing.getByRole("button", { name: /^Pay / }).click();
      expect((await paid).status()).toBe(200);
      await expect.poll(() => page.locator("#tenure-state").innerText(), { interval: 50, timeout: 15_000 }).toBe("state: active");
      expect(await billing.locator("h1").innerText()).toBe("Payment received");
      await screenshot(page, "demo-emerald-studio-renewed");
      expect(errors).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "lets vendor staff confirm a pending renewal from the staff console",
    async () => {
      const { page } = await visit("granite-legal", "member");
      const billingTab = page.context().waitForEvent("page");
      await page.locator('tenure-widget [part="renew-button"]').click();
      await (await billingTab).close();
      // The console replaced /demo/admin; npm start prints the demo owner's one-time sign-in link.
      const console_ = await page.context().newPage();
      await console_.goto(`${demo.url}/demo/admin`);
      expect(new URL(console_.url()).pathname).toBe("/console/");
      await console_.goto(demo.staffSignInUrl);
      await console_.getByRole("heading", { level: 1, name: "Accounts" }).waitFor();
      const row = console_.locator("tr", { hasText: "Granite Legal" });
      await expect.poll(() => row.innerText()).toContain("pending");
      expect(await console_.locator("tr", { hasText: "Acme Robotics" }).innerText()).toContain("low");
      expect(await console_.locator("tr", { hasText: "Harbor Health" }).innerText()).toContain("medium");
      expect(await console_.locator("tr", { hasText: "Borealis Labs" }).innerText()).toContain("high");
      await screenshot(console_, "demo-staff-console");
      await console_.getByRole("link", { name: "Renewals" }).click();
      const invoice = console_.locator("tr", { hasText: "Granite Legal" }).filter({ has: console_.getByRole("button", { name: "Confirm payment" }) });
      await invoice.getByRole("button", { name: "Confirm payment" }).click();
      await expect.poll(() => page.locator("#tenure-state").innerText()).toBe("state: active");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "ticks the onboarding checklist as the visitor works in the app",
    async () => {
      const { page, errors } = await visit("ivy-onboarding", "admin");
      const checklist = page.locator('tenure-widget [part="checklist"]');
      await expect.poll(() => checklist.innerText()).toContain("2/4");
      await page.getByRole("button", { name: "Getting started" }).click();
      const step = (id: string) => checklist.locator(`li[data-step="${id}"]`);
      await expect.poll(() => step("report").getAttribute("data-done")).toBe("false");
      expect(await checklist.innerText()).toMatch(/Aim: first value by/);
      await page.getByRole("button", { name: "Open report" }).click();
      await expect.poll(() => step("report").getAttribute("data-done"), { timeout: 5_000 }).toBe("true");
      await expect.poll(() => checklist.innerText(), { timeout: 6_000 }).toMatch(/First value reached/);
      await page.getByRole("button", { name: "Export CSV" }).click();
      await expect.poll(() => step("export").getAttribute("data-done"), { timeout: 5_000 }).toBe("true");
      await screenshot(page, "demo-ivy-onboarding-checklist");
      expect(errors).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );
});
