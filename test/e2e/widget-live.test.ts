/**
 * The widget stays live and honest, in real Chromium through the public snippet: how often it
 * calls Tenure while idle, what it does with expiring tokens (plain and refreshed by a
 * function), what it tells the host when refused, German dates, and phone-sized dialogs.
 */
import AxeBuilder from "@axe-core/playwright";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { hostEvents, screenshot, zoneText } from "./support/browser.ts";
import { startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";
import { hostPage, snippet } from "./support/host.ts";

const TIMEOUT = 90_000;
const MINUTE = 60_000;
let h: Harness;
let pages = 0;

beforeAll(async () => {
  // No renewal URL: renewals are invoices, confirmed by vendor staff through the API.
  h = await startHarness({ seed: [], renewalUrl: null });
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

function account(id: string, over: Partial<Scenario> = {}): Scenario {
  return {
    accountId: id,
    label: id,
    plan: "Team",
    graceHours: 24,
    lockMode: "soft",
    account: { name: "Oak & Ash", timezone: "Europe/Berlin", locale: "en" },
    lastDayFromToday: 5,
    seats: 5,
    amount: { value: 120_000, currency: "EUR" },
    users: [
      { sub: "admin", name: "Ada Park", role: "admin", email: "ada@oak.test" },
      { sub: "member", name: "Mo Reyes", role: "member", email: "mo@oak.test" },
    ],
    ...over,
  };
}

async function seeded(scenario: Scenario): Promise<Scenario> {
  await h.tenure.seed(scenario);
  return scenario;
}

/** Every call the page makes to Tenure's API (not its script files), as `path body`. */
function recordCalls(page: Page): string[] {
  const calls: string[] = [];
  page.on("request", (req) => {
    const url = new URL(req.url());
    if (req.url().startsWith(h.tenure.url) && url.pathname.startsWith("/v1/")) calls.push(`${url.pathname} ${req.postData() ?? ""}`);
  });
  return calls;
}

/** A page whose snippet is written by the test (custom `userToken`, `locale`, listeners). */
async function openWith(head: string, before?: (page: Page) => Promise<void>, viewport = { width: 1280, height: 800 }): Promise<Page> {
  const path = `/live-${++pages}`;
  h.host.route(path, { body: hostPage(head) });
  return h.visit(path, { viewport }, before);
}

/**
 * Lets `ms` of page time pass under Playwright's fake clock, in steps with a short real pause
 * between, so a request started on a timer gets its answer before its own timeout fires.
 */
async function idle(page: Page, ms: number): Promise<void> {
  for (let left = ms; left > 0; left -= 20_000) {
    await page.clock.runFor(Math.min(left, 20_000));
    await page.waitForTimeout(150);
  }
}

async function waitForEvent(page: Page, name: string): Promise<void> {
  await page.waitForFunction((n) => (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some((e) => e[0] === n), name, { timeout: 15_000 });
}

async function errors(page: Page): Promise<unknown[]> {
  return (await hostEvents(page)).filter((e) => e[0] === "error").map((e) => e[1]);
}

async function expectNoAxeViolations(page: Page): Promise<void> {
  const result = await new AxeBuilder({ page }).include("tenure-widget").analyze();
  expect(result.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
}

const banner = (page: Page) => page.locator('tenure-widget [part~="banner"]');
const lockModal = (page: Page) => page.locator('tenure-widget dialog[part="lock-modal"]');

describe("a live widget that calls Tenure rarely", () => {
  it(
    "makes at most 5 requests a minute on an idle page with a pending invoice renewal",
    async () => {
      const s = await seeded(account("idle-invoice", { lastDayFromToday: -10 }));
      const started = await h.tenure.api("POST", `/v1/accounts/${s.accountId}/renewals`);
      expect(started.status, await started.clone().text()).toBe(201);
      let calls: string[] = [];
      const page = await h.open({ scenario: s, before: async (p) => ((calls = recordCalls(p)), p.clock.install()) });
      await expect.poll(() => banner(page).getAttribute("data-state")).toBe("expiring");
      const before = calls.length;
      await idle(page, 3 * MINUTE);
      // Three idle minutes: nothing like the old once-a-second polling.
      expect(calls.length - before, calls.join("\n")).toBeLessThanOrEqual(3 * 5);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("server push", () => {
  /** A locked page whose timers are frozen: only the push stream can bring news now. */
  async function frozenLockedPage(s: Scenario): Promise<Page> {
    let calls: string[] = [];
    const page = await h.open({ scenario: s, before: async (p) => ((calls = recordCalls(p)), p.clock.install()) });
    await expect.poll(() => lockModal(page).count()).toBe(1);
    // Connected (the stream's own "ready" revalidation has come and gone) before the test writes.
    // (A third may follow: the page's own first signals can complete a checklist step, a change pushed like any other.)
    await expect.poll(() => calls.filter((c) => c.startsWith("/v1/widget/bootstrap ")).length).toBeGreaterThanOrEqual(2);
    expect(calls.filter((c) => c.startsWith("/v1/widget/stream ")).length).toBe(1);
    await page.waitForTimeout(200);
    await page.clock.pauseAt(Date.now() + 1000);
    return page;
  }

  async function lastState(page: Page): Promise<unknown> {
    return (await hostEvents(page)).filter((e) => e[0] === "state").at(-1)?.[1];
  }

  it(
    "unlocks an open page when a time grant lands, with no timer running in the page",
    async () => {
      const s = await seeded(account("push-grant", { lastDayFromToday: -3 }));
      const page = await frozenLockedPage(s);
      const grant = await h.tenure.api("POST", `/v1/accounts/${s.accountId}/grants`, { type: "time", days: 30, reason: "goodwill" });
      expect(grant.status, await grant.clone().text()).toBe(201);
      await expect.poll(() => lockModal(page).count(), { timeout: 15_000 }).toBe(0);
      expect(await lastState(page)).toMatchObject({ state: "expiring", readOnly: false, blocked: false });
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "unlocks an open page when a contract PUT moves the end",
    async () => {
      const s = await seeded(account("push-contract", { lastDayFromToday: -3, lockMode: "hard" }));
      const page = await frozenLockedPage(s);
      expect(await lastState(page)).toMatchObject({ state: "locked", readOnly: true, blocked: true });
      const endDate = new Date(h.tenure.now() + 200 * 86_400_000).toISOString().slice(0, 10);
      const put = await h.tenure.api("PUT", `/v1/accounts/${s.accountId}/contract`, { seats: 5, startDate: "2026-01-01", endDate, lockMode: "hard" });
      expect(put.status, await put.clone().text()).toBeLessThan(300);
      await expect.poll(() => lockModal(page).count(), { timeout: 15_000 }).toBe(0);
      expect(await lastState(page)).toMatchObject({ state: "active", readOnly: false, blocked: false });
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("user tokens", () => {
  it(
    "stops calling Tenure once a plain string token has expired, and tells the host",
    async () => {
      const s = await seeded(account("plain-token"));
      const user = s.users[0]!;
      const userToken = await h.tenure.token({ sub: user.sub, acct: s.accountId, role: user.role, exp: Math.floor(h.tenure.now() / 1000) + 30 });
      let calls: string[] = [];
      const head = snippet({ tenureUrl: h.tenure.url, publishableKey: h.tenure.publishableKey, userToken });
      const page = await openWith(head, async (p) => ((calls = recordCalls(p)), p.clock.install()));
      await waitForEvent(page, "state");
      await idle(page, 2 * MINUTE);
      // Another error (a stream cut while the clock jumps) may come first: wait for this one.
      // It takes 15–20 s of real time on a quiet machine, more under the whole suite's load.
      await page.waitForFunction(
        () =>
          (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some(
            (e) => e[0] === "error" && (e[1] as { code?: string })?.code === "token_expired",
          ),
        null,
        { timeout: 50_000 },
      );
      expect((await errors(page)).filter((e) => (e as { code: string }).code !== "unreachable")).toEqual([
        { code: "token_expired", message: expect.stringContaining("expired") },
      ]);
      const after = calls.length;
      await idle(page, 30 * MINUTE);
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("track", "report.exported"));
      await idle(page, 5 * MINUTE);
      expect(calls.slice(after)).toEqual([]);
      // Still informing from what it knew: the banner stays.
      expect(await banner(page).count()).toBe(1);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "asks a token function for a new token before exp and uses it",
    async () => {
      const s = await seeded(account("function-token"));
      const user = s.users[0]!;
      const now = Math.floor(h.tenure.now() / 1000);
      const first = await h.tenure.token({ sub: user.sub, acct: s.accountId, role: user.role, exp: now + 120 });
      const second = await h.tenure.token({ sub: user.sub, acct: s.accountId, role: user.role, exp: now + 3600 });
      const head = `<script>
  (function (w) { w.Tenure = w.Tenure || function () { (w.Tenure.q = w.Tenure.q || []).push(arguments); }; })(window);
  window.__tokens = ${JSON.stringify([first, second])};
  window.__tokenCalls = 0;
  Tenure('init', { publishableKey: ${JSON.stringify(h.tenure.publishableKey)}, userToken: function () {
    var token = window.__tokens[Math.min(window.__tokenCalls++, 1)];
    return new Promise(function (resolve) { setTimeout(function () { resolve(token); }, 10); });
  } });
  window.__tenureEvents = [];
  Tenure('on', 'state', function (s) { window.__tenureEvents.push(['state', s]); });
  Tenure('on', 'error', function (e) { window.__tenureEvents.push(['error', e]); });
</script>
<script async src="${h.tenure.url}/widget.js"></script>`;
      let calls: string[] = [];
      const page = await openWith(head, async (p) => ((calls = recordCalls(p)), p.clock.install()));
      await waitForEvent(page, "state");
      expect(await page.evaluate(() => (window as unknown as { __tokenCalls: number }).__tokenCalls)).toBe(1);
      // A minute before the first token's exp, the function is asked again.
      await idle(page, 62_000);
      await expect.poll(() => page.evaluate(() => (window as unknown as { __tokenCalls: number }).__tokenCalls)).toBe(2);
      // The next calls carry the new token; nothing was refused.
      await idle(page, 20_000);
      await page.evaluate(() => window.dispatchEvent(new Event("focus")));
      await expect.poll(() => calls.filter((c) => c.startsWith("/v1/widget/bootstrap ")).at(-1)).toContain(second);
      expect(calls.find((c) => c.startsWith("/v1/widget/bootstrap "))).toContain(first);
      expect((await errors(page)).filter((e) => ["token_expired", "unauthorized"].includes((e as { code: string }).code))).toEqual([]);
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("diagnostics", () => {
  it(
    "tells the host, and the console, when the account has no contract",
    async () => {
      const put = await h.tenure.api("PUT", "/v1/accounts/no-contract", { name: "No Contract", timezone: "UTC" });
      expect(put.status, await put.clone().text()).toBeLessThan(300);
      const userToken = await h.tenure.token({ sub: "u1", acct: "no-contract", role: "admin" });
      const warnings: string[] = [];
      const page = await openWith(snippet({ tenureUrl: h.tenure.url, publishableKey: h.tenure.publishableKey, userToken }), async (p) => {
        p.on("console", (m) => m.type() === "warning" && warnings.push(m.text()));
      });
      await waitForEvent(page, "error");
      expect(await errors(page)).toEqual([{ code: "not_found", message: "account no-contract has no contract yet" }]);
      expect(warnings).toContain("[Tenure] not_found: account no-contract has no contract yet");
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("language", () => {
  it(
    "shows German dates for de-DE, with English words (the closest supported language)",
    async () => {
      const s = await seeded(account("german-dates", { lastDayFromToday: 3 }));
      const page = await h.open({ scenario: s, locale: "de-DE" });
      const text = await banner(page).innerText();
      const end = Date.parse(((await (await h.tenure.api("GET", `/v1/accounts/${s.accountId}/entitlement`)).json()) as { accessEndsAt: string }).accessEndsAt);
      const date = new Intl.DateTimeFormat("de-DE", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Berlin" }).format(end - 1);
      expect(text).toContain(`Access until ${date} 23:59`);
      expect(date).toMatch(/\d+\. \S+ \d{4}/);
      await screenshot(page, "live-01-de-DE-banner-1280");
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("declines per person, the lock's end, focus", () => {
  it(
    "keeps the banner for another admin, with who declined and when, after one admin's \"Don't renew\"",
    async () => {
      const s = await seeded(
        account("two-admins", {
          lastDayFromToday: 5,
          users: [
            { sub: "ada", name: "Ada Park", role: "admin", email: "ada@oak.test" },
            { sub: "lin", name: "Lin Wu", role: "admin", email: "lin@oak.test" },
          ],
        }),
      );
      const ada = await h.open({ scenario: s, role: "admin" });
      await expect.poll(() => banner(ada).count()).toBe(1);
      // Ada answers through the widget's own route, as her "Don't renew" form does.
      const adaToken = await h.tenure.token({ sub: "ada", acct: s.accountId, role: "admin", name: "Ada Park" });
      const answer = await fetch(`${h.tenure.url}/v1/widget/renewals/decline`, {
        method: "POST",
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ publishableKey: h.tenure.publishableKey, userToken: adaToken, reason: "budget" }),
      });
      expect(answer.status, await answer.clone().text()).toBe(201);
      // Pushed to Ada's open page: her reminders go.
      await expect.poll(() => banner(ada).count(), { timeout: 15_000 }).toBe(0);
      // Lin still sees the banner, says who declined, and can renew.
      const linToken = await h.tenure.token({ sub: "lin", acct: s.accountId, role: "admin", name: "Lin Wu" });
      const lin = await openWith(snippet({ tenureUrl: h.tenure.url, publishableKey: h.tenure.publishableKey, userToken: linToken }));
      await expect.poll(() => banner(lin).count()).toBe(1);
      const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Berlin" }).format(h.tenure.now());
      expect(await banner(lin).innerText()).toContain(`Ada Park chose not to renew on ${day}.`);
      expect(await lin.locator('tenure-widget [part="renew-button"]').count()).toBe(1);
      await screenshot(lin, "live-03-declined-by-another-admin-1280");
      await expectNoAxeViolations(lin);
      await ada.context().close();
      await lin.context().close();
    },
    TIMEOUT,
  );

  it(
    "says in the lock modal exactly when access ended, to the minute and in the account's zone",
    async () => {
      const s = await seeded(account("lock-ended", { lastDayFromToday: -10 }));
      const page = await h.open({ scenario: s });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      const end = Date.parse(((await (await h.tenure.api("GET", `/v1/accounts/${s.accountId}/entitlement`)).json()) as { accessEndsAt: string }).accessEndsAt);
      const day = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "Europe/Berlin" }).format(end - 1);
      expect(await lockModal(page).innerText()).toContain(`Access ran until ${day} 23:59 (${zoneText(end - 1, "Europe/Berlin")}).`);
      await screenshot(page, "live-04-lock-says-when-1280");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "opens Plan & seats with focus on Close, and gives the focus back to the opener on Escape",
    async () => {
      const s = await seeded(account("seats-focus", { lastDayFromToday: 40 }));
      const page = await h.open({ scenario: s });
      await page.evaluate(() => {
        const button = document.createElement("button");
        button.id = "open-seats";
        button.textContent = "Plan";
        button.addEventListener("click", () => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "seats"));
        document.body.appendChild(button);
      });
      await page.locator("#open-seats").click();
      const panel = page.locator('tenure-widget dialog[part="seats"]');
      await expect.poll(() => panel.count()).toBe(1);
      const focused = (): Promise<string | null> =>
        page.evaluate(() => document.querySelector("tenure-widget")?.shadowRoot?.activeElement?.textContent ?? document.activeElement?.id ?? null);
      await expect.poll(focused).toBe("Close");
      await page.keyboard.press("Escape");
      await expect.poll(() => panel.count()).toBe(0);
      await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe("open-seats");
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("Escape in each lock mode", () => {
  it(
    "closes a soft lock, and in read-only and hard locks keeps the modal and says why to screen readers",
    async () => {
      const soft = await seeded(account("esc-soft", { lastDayFromToday: -10, lockMode: "soft" }));
      const page = await h.open({ scenario: soft });
      await expect.poll(() => lockModal(page).count()).toBe(1);
      await page.keyboard.press("Escape");
      await expect.poll(() => lockModal(page).count()).toBe(0);
      await page.context().close();
      for (const [mode, said] of [
        ["read_only", "To close, choose Continue read-only."],
        ["hard", "This stays open until renewal."],
      ] as const) {
        const s = await seeded(account(`esc-${mode}`, { lastDayFromToday: -10, lockMode: mode }));
        const locked = await h.open({ scenario: s });
        await expect.poll(() => lockModal(locked).count()).toBe(1);
        const status = lockModal(locked).locator('[role="status"][data-esc]');
        expect(await status.textContent()).toBe("");
        // The modal can be in the page a moment before it holds the focus that hears Escape,
        // so Escape is pressed again until it is heard (in these modes it never closes).
        await expect
          .poll(async () => {
            await locked.keyboard.press("Escape");
            return status.textContent();
          })
          .toBe(said);
        expect(await lockModal(locked).evaluate((d: HTMLDialogElement) => d.open)).toBe(true);
        await expectNoAxeViolations(locked);
        await locked.context().close();
      }
    },
    TIMEOUT,
  );
});

describe("the top layer", () => {
  it(
    "keeps the banner above a host element at the maximum z-index",
    async () => {
      const s = await seeded(account("top-layer", { lastDayFromToday: 5 }));
      const page = await h.open({ scenario: s });
      await expect.poll(() => banner(page).count()).toBe(1);
      await page.evaluate(() => {
        const cover = document.createElement("div");
        cover.id = "cover";
        cover.setAttribute("style", "position:fixed;inset:0;z-index:2147483647;background:rgba(255,0,0,.2)");
        document.body.appendChild(cover);
      });
      const box = (await banner(page).boundingBox())!;
      const hit = await page.evaluate(([x, y]) => document.elementFromPoint(x!, y!)?.tagName, [box.x + box.width / 2, box.y + 12]);
      expect(hit).toBe("TENURE-WIDGET");
      expect(await banner(page).evaluate((el) => el.matches(":popover-open"))).toBe(true);
      await screenshot(page, "live-05-banner-over-max-z-index-1280");
      await page.context().close();
    },
    TIMEOUT,
  );
});

describe("phones", () => {
  for (const width of [320, 390, 414]) {
    it(
      `fits the lock modal in a ${width} px viewport without horizontal overflow`,
      async () => {
        const s = await seeded(account(`phone-${width}`, { lastDayFromToday: -10 }));
        const page = await h.open({ scenario: s, context: { viewport: { width, height: 800 } } });
        await expect.poll(() => lockModal(page).count()).toBe(1);
        const box = await lockModal(page).boundingBox();
        expect(box!.x).toBeGreaterThanOrEqual(0);
        expect(box!.x + box!.width).toBeLessThanOrEqual(width);
        const overflow = await lockModal(page).evaluate((d) => ({ scroll: d.scrollWidth, client: d.clientWidth, page: document.documentElement.scrollWidth }));
        expect(overflow.scroll).toBeLessThanOrEqual(overflow.client);
        expect(overflow.page).toBeLessThanOrEqual(width);
        if (width === 390) {
          await screenshot(page, "live-02-lock-soft-390");
          await expectNoAxeViolations(page);
        }
        await page.context().close();
      },
      TIMEOUT,
    );
  }
});
