/**
 * Server-authoritative time in the browser: the display flips at the exact boundary without
 * reload or polling, and a browser clock hours wrong changes nothing. The browser's clock
 * is Playwright's `page.clock`; the server's is moved by the same amounts (`advance`).
 */
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { hostEvents, isoDurationMs, screenshot } from "./support/browser.ts";
import { startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";

const TIMEOUT = 90_000;
const HOUR = 3_600_000;
let h: Harness;

/** A zone whose local time is now between 18:00 and 22:00, so today's end is 2–6 hours away. */
function eveningZone(now: number): string {
  for (let offset = -12; offset <= 14; offset++) {
    const zone = offset === 0 ? "Etc/GMT" : `Etc/GMT${offset > 0 ? "-" : "+"}${Math.abs(offset)}`;
    const hour = Number(new Intl.DateTimeFormat("en-GB", { hour: "numeric", hourCycle: "h23", timeZone: zone }).format(now));
    if (hour >= 18 && hour < 22) return zone;
  }
  throw new Error("no evening zone");
}

function lastDayToday(accountId: string, timezone: string, graceHours: number): Scenario {
  return {
    accountId,
    label: accountId,
    plan: "Team",
    graceHours,
    lockMode: "hard",
    account: { name: `Clock ${accountId}`, timezone, locale: "en" },
    lastDayFromToday: 0,
    seats: 5,
    users: [{ sub: "u1", name: "Uma", role: "admin", email: "uma@clock.test" }],
  };
}

async function ends(accountId: string): Promise<{ access: number; grace: number }> {
  const res = await h.tenure.api("GET", `/v1/accounts/${accountId}/entitlement`);
  const body = (await res.json()) as { accessEndsAt: string; graceEndsAt: string };
  return { access: Date.parse(body.accessEndsAt), grace: Date.parse(body.graceEndsAt) };
}

/**
 * Requests from the page to Tenure pass through a gate, so that both clocks can move between
 * requests: a request answered after the server's clock moved but received before the
 * browser's did would teach the widget a time hours off, which real clocks never do.
 */
interface Gate {
  closed: Promise<void> | null;
  open: () => void;
  inFlight: number;
}

const gates = new WeakMap<Page, Gate>();

async function gateRequests(page: Page): Promise<void> {
  const gate: Gate = { closed: null, open: () => {}, inFlight: 0 };
  gates.set(page, gate);
  await page.route(`${h.tenure.url}/**`, async (route) => {
    // The push stream never completes, so it cannot be fetched whole; it only says "revalidate".
    if (route.request().url().endsWith("/v1/widget/stream")) return route.continue();
    while (gate.closed) await gate.closed;
    gate.inFlight++;
    try {
      await route.fulfill({ response: await route.fetch() });
    } finally {
      gate.inFlight--;
    }
  });
}

/** Moves the server's and the browser's clocks together, as real time would. */
async function advance(page: Page, ms: number): Promise<void> {
  const gate = gates.get(page)!;
  gate.closed = new Promise((resolve) => (gate.open = resolve));
  while (gate.inFlight > 0) await new Promise((resolve) => setTimeout(resolve, 10));
  h.tenure.advance(ms);
  await page.clock.fastForward(ms);
  const open = gate.open;
  gate.closed = null;
  open();
}

const shownState = (page: Page): Promise<string | null> =>
  page.evaluate(() => {
    const root = document.querySelector("tenure-widget")?.shadowRoot;
    if (root?.querySelector('dialog[part="lock-modal"][open]')) return "lock-modal";
    return root?.querySelector('[part~="banner"]')?.getAttribute("data-state") ?? null;
  });

const countdownMs = async (page: Page): Promise<number> => isoDurationMs(await page.locator('tenure-widget [part="countdown"] time').getAttribute("datetime"));

beforeAll(async () => {
  h = await startHarness({ seed: [] });
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

describe("time in the widget", () => {
  it(
    "turns the banner into the grace countdown within 1 s of accessEndsAt and into the lock modal at graceEndsAt, without reload",
    async () => {
      const s = lastDayToday("flip", eveningZone(h.tenure.now()), 1);
      await h.tenure.seed(s);
      const { access, grace } = await ends(s.accountId);
      // The browser's wall clock is also 3 hours wrong: only server time may matter.
      const page = await h.open({
        scenario: s,
        before: async (p) => {
          await p.clock.install({ time: Date.now() - 3 * HOUR });
          await gateRequests(p);
        },
      });
      await page.evaluate(() => ((window as unknown as { __sameDocument: boolean }).__sameDocument = true));
      expect(await shownState(page)).toBe("expiring");

      await advance(page, access - h.tenure.now() - 900);
      expect(await shownState(page)).toBe("expiring");
      await advance(page, 1800);
      expect(await shownState(page)).toBe("grace");
      expect(Math.abs((await countdownMs(page)) - (grace - h.tenure.now()))).toBeLessThan(61_000);
      await screenshot(page, "09-flipped-to-grace");

      await advance(page, grace - h.tenure.now() - 900);
      expect(await shownState(page)).toBe("grace");
      await advance(page, 1800);
      expect(await shownState(page)).toBe("lock-modal");
      expect(await page.evaluate(() => (window as unknown as { __sameDocument?: boolean }).__sameDocument)).toBe(true);
      const states = (await hostEvents(page)).filter((e) => e[0] === "state").map((e) => (e[1] as { state: string }).state);
      expect(states).toEqual(["expiring", "grace", "locked"]);
      await screenshot(page, "10-flipped-to-lock");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows the right state and countdown with the browser clock 5 hours ahead",
    async () => {
      const s = lastDayToday("ahead", eveningZone(h.tenure.now()), 2);
      await h.tenure.seed(s);
      const { access } = await ends(s.accountId);
      // Five hours ahead, a clock-trusting widget would already show grace.
      const page = await h.open({ scenario: s, before: (p) => p.clock.install({ time: Date.now() + 5 * HOUR }) });
      expect(await shownState(page)).toBe("expiring");
      const shown = await countdownMs(page);
      expect(Math.abs(shown - (access - h.tenure.now())), `countdown ${shown} ms`).toBeLessThan(61_000);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows the right state and countdown with the browser clock 7 hours behind",
    async () => {
      const s = lastDayToday("behind", eveningZone(h.tenure.now()), 4);
      await h.tenure.seed(s);
      const { access, grace } = await ends(s.accountId);
      h.tenure.advance(access - h.tenure.now() + 10 * 60_000);
      // Seven hours behind, a clock-trusting widget would still show the expiring banner.
      const page = await h.open({ scenario: s, before: (p) => p.clock.install({ time: Date.now() - 7 * HOUR }) });
      expect(await shownState(page)).toBe("grace");
      const shown = await countdownMs(page);
      expect(Math.abs(shown - (grace - h.tenure.now())), `countdown ${shown} ms`).toBeLessThan(61_000);
      await page.context().close();
    },
    TIMEOUT,
  );
});
