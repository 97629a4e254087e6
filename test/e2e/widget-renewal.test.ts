/**
 * One-click renewal from the real widget against the real server (invoice provider: vendor
 * staff confirm the payment through the API), in real Chromium: the hold, the awaiting-payment
 * details, the unlock after payment and its latency, double clicks, and "don't renew".
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { hostEvents, screenshot, zoneText } from "./support/browser.ts";
import { problems, startHarness } from "./support/harness.ts";
import { INVOICE_INSTRUCTIONS } from "./support/tenure.ts";
import type { Harness } from "./support/harness.ts";

const TIMEOUT = 60_000;
let h: Harness;

beforeAll(async () => {
  // No renewal URL: the tenant's renewals are invoices, confirmed by vendor staff.
  h = await startHarness({ seed: [], renewalUrl: null });
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

function account(id: string, over: Partial<Scenario> & { zh?: boolean } = {}): Scenario {
  const { zh, ...rest } = over;
  return {
    accountId: id,
    label: id,
    plan: "Team",
    graceHours: 24,
    lockMode: "hard",
    account: zh ? { name: "复兴传媒", timezone: "Asia/Shanghai", locale: "zh-CN" } : { name: "Oak & Ash", timezone: "Europe/Berlin", locale: "en" },
    lastDayFromToday: -10,
    seats: 5,
    amount: { value: 120_000, currency: "EUR" },
    users: [
      { sub: "admin", name: "Ada Park", role: "admin", email: "ada@oak.test" },
      { sub: "member", name: "Mo Reyes", role: "member", email: "mo@oak.test" },
    ],
    ...rest,
  };
}

async function seeded(scenario: Scenario): Promise<Scenario> {
  await h.tenure.seed(scenario);
  return scenario;
}

const lockModal = (page: Page) => page.locator('tenure-widget dialog[part="lock-modal"]');
const renewDialog = (page: Page) => page.locator('tenure-widget dialog[part="renew-dialog"]');
const declineDialog = (page: Page) => page.locator('tenure-widget dialog[part="decline-dialog"]');
const banner = (page: Page) => page.locator('tenure-widget [part~="banner"]');
const renewButton = (page: Page) => page.locator('tenure-widget [part="renew-button"]');

async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await h.tenure.api(method, path, body);
  const text = await res.text();
  expect(res.status, `${method} ${path}: ${text}`).toBeLessThan(300);
  return JSON.parse(text) as T;
}

interface RenewalList {
  data: Array<{ id: string; status: string; holdUntil: string | null; invoice: { reference: string } | null }>;
  declines: Array<{ reason: string; detail: string | null; userId: string }>;
}

function renewals(accountId: string): Promise<RenewalList> {
  return api<RenewalList>("GET", `/v1/accounts/${accountId}/renewals`);
}

function minute(instant: number, timeZone: string, locale = "en-GB"): string {
  const date = new Intl.DateTimeFormat(locale, { day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
  const time = new Intl.DateTimeFormat(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
  return `${date} ${time}`;
}

async function renewalEvents(page: Page): Promise<unknown[]> {
  return (await hostEvents(page)).filter((e) => e[0] === "renewal").map((e) => e[1]);
}

async function lastState(page: Page): Promise<string | undefined> {
  const states = (await hostEvents(page)).filter((e) => e[0] === "state");
  return (states.at(-1)?.[1] as { state: string } | undefined)?.state;
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).include("tenure-widget").analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

/** Polls the page (every 20 ms) until `fn` holds; returns the milliseconds it took from `since`. */
/** Waits, generously, for what the page shows to satisfy `fn`; latency figures live in `npm run bench`. */
async function until(page: Page, fn: () => boolean): Promise<void> {
  await page.waitForFunction(fn, null, { polling: 50, timeout: 15_000 });
}

describe("one-click renewal", () => {
  it(
    "renews a hard-locked account in one click: the hold lifts the lock, the invoice waits, payment completes it",
    async () => {
      const s = await seeded(account("oak-hold"));
      const page = await h.open({ scenario: s });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await renewButton(page).click();

      // The 24-hour hold lifts the lock at once; the renewal panel keeps the invoice in sight.
      await expect.poll(() => lockModal(page).count()).toBe(0);
      const panel = renewDialog(page);
      await expect.poll(() => panel.locator("[data-reference]").count()).toBe(1);
      const [renewal] = (await renewals(s.accountId)).data;
      expect(renewal?.status).toBe("pending");
      const reference = await panel.locator("[data-reference]").innerText();
      expect(reference).toBe(renewal!.invoice!.reference);
      expect(reference).toMatch(/^TNR-[2-9A-Z]{4}-[2-9A-Z]{4}$/);
      expect(await panel.locator("[data-amount]").innerText()).toBe("€1,200.00");
      const text = await panel.innerText();
      expect(text).toContain("Renewal started: awaiting payment");
      const holdUntil = Date.parse(renewal!.holdUntil!);
      // Three distinct, labelled facts: the subscription's end, the hold's end, the invoice's due date.
      const entitlement = await api<{ contractEndsAt: string }>("GET", `/v1/accounts/${s.accountId}/entitlement`);
      expect(await panel.locator('[data-fact="subscription"]').innerText()).toBe(
        `${minute(Date.parse(entitlement.contractEndsAt) - 1, "Europe/Berlin")} (${zoneText(Date.parse(entitlement.contractEndsAt) - 1, "Europe/Berlin")})`,
      );
      expect(await panel.locator('[data-fact="hold"]').innerText()).toBe(
        `${minute(holdUntil - 1, "Europe/Berlin")} (${zoneText(holdUntil - 1, "Europe/Berlin")})`,
      );
      expect(await panel.locator('[data-fact="due"]').count()).toBe(1);
      expect(text).toContain("Subscription ended");
      expect(text).toContain("Access held until");
      // How to pay: the vendor's bank details, as set in the settings.
      expect(await panel.locator("[data-instructions]").innerText()).toBe(INVOICE_INSTRUCTIONS);
      expect(await lastState(page)).toBe("expiring");
      expect(await renewalEvents(page)).toEqual([{ action: "started", via: "invoice" }]);
      await panel.locator("[part=recap]").waitFor();
      await screenshot(page, "13-renewal-invoice-awaiting-payment");
      await expectNoAxeViolations(page);

      // Vendor staff confirm the bank transfer; the open widget follows without a reload.
      await api("POST", `/v1/accounts/${s.accountId}/renewals/${renewal!.id}/complete`);
      await until(page, () => {
        const root = document.querySelector("tenure-widget")?.shadowRoot;
        return !!root && !root.querySelector('[part="renewal-status"]') && !root.querySelector("dialog");
      });
      await expect.poll(() => lastState(page)).toBe("active");
      expect(await banner(page).count()).toBe(0);
      expect(await renewalEvents(page)).toEqual([{ action: "started", via: "invoice" }, { action: "completed" }]);
      // Once: "Renewed until …", to the minute and in the account's zone.
      const renewedEnd = Date.parse((await api<{ contractEndsAt: string }>("GET", `/v1/accounts/${s.accountId}/entitlement`)).contractEndsAt);
      const confirmation = page.locator('tenure-widget [data-state="renewed"]');
      await expect.poll(() => confirmation.count()).toBe(1);
      expect(await confirmation.innerText()).toContain(
        `Renewed until ${minute(renewedEnd - 1, "Europe/Berlin")} (${zoneText(renewedEnd - 1, "Europe/Berlin")}). Thank you!`,
      );
      await screenshot(page, "15b-renewed-until");
      await confirmation.locator("button").click();
      await expect.poll(() => confirmation.count()).toBe(0);
      expect(problems(page)).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "lifts the lock of an open page after payment when the term's hold was already used",
    async () => {
      const s = await seeded(account("oak-nohold"));
      // The hold is once per term: a first renewal that failed used it up.
      const first = await api<{ id: string }>("POST", `/v1/accounts/${s.accountId}/renewals`);
      await api("POST", `/v1/accounts/${s.accountId}/renewals/${first.id}/fail`, { reason: "card declined" });
      const page = await h.open({ scenario: s });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await renewButton(page).click();

      // Still locked: the modal itself says the renewal awaits payment, with no hold.
      await expect.poll(() => lockModal(page).locator("[data-reference]").count()).toBe(1);
      const text = await lockModal(page).innerText();
      expect(text).toContain("Renewal started: awaiting payment");
      expect(text).toContain("Access stays paused until the payment arrives.");
      expect(text).toContain("€1,200.00");
      expect(await renewButton(page).count()).toBe(0);
      await screenshot(page, "14-renewal-pending-still-locked");
      await expectNoAxeViolations(page);

      const pending = (await renewals(s.accountId)).data.find((r) => r.status === "pending")!;
      await api("POST", `/v1/accounts/${s.accountId}/renewals/${pending.id}/complete`);
      await until(page, () => !document.querySelector("tenure-widget")?.shadowRoot?.querySelector('dialog[part="lock-modal"]'));
      await expect.poll(() => lastState(page)).toBe("active");
      expect(await renewalEvents(page)).toEqual([{ action: "started", via: "invoice" }, { action: "completed" }]);
      await screenshot(page, "15-renewal-completed-unlocked");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "makes one renewal from a double click",
    async () => {
      const s = await seeded(account("oak-double", { lockMode: "soft" }));
      const page = await h.open({ scenario: s });
      const starts: string[] = [];
      page.on("request", (req) => req.method() === "POST" && req.url().endsWith("/v1/widget/renewals") && starts.push(req.url()));
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await renewButton(page).dblclick();
      await expect.poll(() => renewDialog(page).locator("[data-reference]").count()).toBe(1);
      // Reloading shows the same renewal (the server answers the open one), never a second.
      await page.reload();
      await expect.poll(() => page.locator("tenure-widget [data-reference]").count()).toBe(1);
      const list = await renewals(s.accountId);
      expect(list.data.map((r) => r.status)).toEqual(["pending"]);
      expect(starts).toHaveLength(1);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("don't renew", () => {
  it(
    "asks a reason, stores it, thanks, and stops reminding after a reload",
    async () => {
      const s = await seeded(account("oak-decline", { lastDayFromToday: 5 }));
      const page = await h.open({ scenario: s, role: "member" });
      await expect.poll(() => banner(page).count()).toBe(1);
      await banner(page).getByRole("button", { name: "Don't renew" }).click();
      const dialog = declineDialog(page);
      await expect.poll(() => dialog.count()).toBe(1);
      await screenshot(page, "16-decline-asks-reason");
      await expectNoAxeViolations(page);

      await dialog.getByRole("button", { name: "Send" }).click();
      expect(await dialog.getByRole("alert").innerText()).toBe("Choose a reason.");
      await dialog.getByLabel("Other", { exact: true }).check();
      await dialog.getByRole("button", { name: "Send" }).click();
      expect(await dialog.getByRole("alert").innerText()).toBe("Tell us a little more about the reason.");
      await dialog.getByLabel("Tell us more", { exact: true }).fill("We are merging with another company");
      await dialog.getByRole("button", { name: "Send" }).click();
      await expect.poll(() => dialog.locator("h2").innerText()).toBe("Thank you for telling us");
      await screenshot(page, "17-decline-thanks");
      await expectNoAxeViolations(page);

      const { declines } = await renewals(s.accountId);
      expect(declines).toEqual([expect.objectContaining({ reason: "other", detail: "We are merging with another company", userId: "member" })]);
      expect(await renewalEvents(page)).toEqual([{ action: "declined", reason: "other" }]);
      await dialog.getByRole("button", { name: "Close" }).click();
      await expect.poll(() => banner(page).count()).toBe(0);

      await page.reload();
      await expect.poll(() => lastState(page)).toBe("expiring");
      await page.waitForTimeout(300);
      expect(await banner(page).count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "answers from a soft lock in Chinese, and the lock then stays a strip with the renew action",
    async () => {
      const s = await seeded(account("fuxing-decline", { lockMode: "soft", zh: true, amount: { value: 3_600_000, currency: "CNY" } }));
      const page = await h.open({ scenario: s });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await lockModal(page).getByRole("button", { name: "不续费" }).click();
      const dialog = declineDialog(page);
      await expect.poll(() => dialog.count()).toBe(1);
      const asked = await dialog.innerText();
      expect(asked.replace(/Planboard/g, "")).not.toMatch(/[A-Za-z]/);
      await dialog.getByLabel("目前没有预算").check();
      await dialog.getByRole("button", { name: "提交" }).click();
      await expect.poll(() => dialog.locator("h2").innerText()).toBe("感谢您的反馈");
      expect((await renewals(s.accountId)).declines).toEqual([expect.objectContaining({ reason: "budget", detail: null })]);
      await dialog.getByRole("button", { name: "关闭" }).click();
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("locked");
      expect(await lockModal(page).count()).toBe(0);

      await page.reload();
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("locked");
      expect(await lockModal(page).count()).toBe(0);
      expect(await banner(page).locator('[part="renew-button"]').innerText()).toBe("立即续费");
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("who may renew", () => {
  it(
    "asks members the vendor does not let renew to ask an administrator",
    async () => {
      await h.tenure.api("PATCH", "/v1/settings", { renewalRoles: ["admin"] }).then((res) => expect(res.status).toBe(200));
      try {
        const s = await seeded(account("oak-member", { lockMode: "soft" }));
        const page = await h.open({ scenario: s, role: "member" });
        await expect.poll(() => lockModal(page).count()).toBe(1);
        expect(await renewButton(page).count()).toBe(0);
        expect(await lockModal(page).innerText()).toContain("Ask your administrator to renew the subscription.");
        expect(await lockModal(page).locator("button").allInnerTexts()).toEqual(["Not now"]);
        await page.context().close();
      } finally {
        await h.tenure.api("PATCH", "/v1/settings", { renewalRoles: ["admin", "member"] });
      }
    },
    TIMEOUT,
  );
});
