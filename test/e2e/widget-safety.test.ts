/**
 * The widget must never hurt the vendor's page: strict CSP, hostile styles in both
 * directions, Tenure down, bad calls, double includes, logout and user switches.
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hostEvents, screenshot } from "./support/browser.ts";
import { problems, scenario, startHarness, waitForState } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";
import { hostPage } from "./support/host.ts";
import { WIDGET_DIR } from "./support/tenure.ts";

const TIMEOUT = 60_000;
let h: Harness;
let n = 0;

beforeAll(async () => {
  h = await startHarness({ seed: ["borealis-labs", "granite-legal", "acme-robotics"].map(scenario) });
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

/** Registers a host page and returns its path. */
function serve(body: string, headers?: Record<string, string>): string {
  const path = `/safety-${++n}`;
  h.host.route(path, { body, ...(headers ? { headers } : {}) });
  return path;
}

const HOSTILE_CSS = `
html { font-size: 40px; }
* { font-family: "Comic Sans MS", cursive !important; font-size: 31px !important; line-height: 3 !important; color: #f0f !important;
    background: #ff0 !important; margin: 13px !important; padding: 17px !important; box-sizing: content-box !important;
    letter-spacing: 4px !important; text-transform: uppercase !important; border: 5px dashed red !important; visibility: visible !important; }
button, section, div, p, h2, dialog, time, span { display: inline !important; position: static !important; width: 900px !important; all: revert; }
tenure-widget { display: block !important; position: absolute !important; top: 0 !important; left: 0 !important; opacity: 0.2 !important;
    transform: scale(0.5) !important; filter: blur(3px) !important; zoom: 2 !important; font-size: 50px !important; }
::backdrop { background: red !important; }
`;

/** Geometry and key computed styles of every element in the widget's shadow root. */
function widgetSnapshot(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const host = document.querySelector("tenure-widget")!;
    const props = [
      "font-family",
      "font-size",
      "font-weight",
      "line-height",
      "color",
      "background-color",
      "margin-top",
      "padding-top",
      "padding-left",
      "border-top-width",
      "border-left-color",
      "box-sizing",
      "letter-spacing",
      "text-transform",
      "display",
      "position",
      "opacity",
      "filter",
      "transform",
      "zoom",
      "visibility",
    ];
    const all = [host, ...host.shadowRoot!.querySelectorAll("*")];
    return all.map((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return [el.tagName, ...[box.x, box.y, box.width, box.height].map(Math.round), ...props.map((p) => style.getPropertyValue(p))].join("|");
    });
  });
}

/** The widget's snapshot once on-demand parts (notice, checklist) have come in: two reads in a row agree. */
async function settledSnapshot(page: Page): Promise<string[]> {
  let last = await widgetSnapshot(page);
  for (let i = 0; i < 20; i++) {
    await page.waitForTimeout(250);
    const next = await widgetSnapshot(page);
    if (next.join("\n") === last.join("\n")) return next;
    last = next;
  }
  return last;
}

/** Geometry and computed styles of the host's own elements (not the widget, not scripts). */
function hostSnapshot(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const props = [
      "font-family",
      "font-size",
      "color",
      "background-color",
      "margin-top",
      "padding-top",
      "display",
      "position",
      "overflow",
      "inert",
      "pointer-events",
    ];
    const els = [...document.querySelectorAll("html, body, body *")].filter((el) => !el.closest("tenure-widget") && el.tagName !== "SCRIPT");
    const rows = els.map((el) => {
      const style = getComputedStyle(el);
      const box = el.getBoundingClientRect();
      return [el.tagName, ...[box.x, box.y, box.width, box.height].map(Math.round), ...props.map((p) => style.getPropertyValue(p))].join("|");
    });
    const root = document.documentElement;
    return [...rows, `scroll ${root.scrollWidth}x${root.scrollHeight}`, `focus ${document.activeElement?.tagName}`, `rootStyle ${root.getAttribute("style")}`];
  });
}

describe("the widget and the host page", () => {
  it(
    "runs under a strict CSP (script-src 'self' 'nonce-…'; style-src 'self') with no violations",
    async () => {
      const csp = "script-src 'self' 'nonce-r4nd0m'; style-src 'self'";
      const path = serve(hostPage(await h.snippetFor({ scenario: "borealis-labs", nonce: "r4nd0m" })), { "Content-Security-Policy": csp });
      const chunks: string[] = [];
      const page = await h.visit(
        path,
        undefined,
        async (p) => void p.on("response", (res) => res.url().includes("/widget/chunks/") && chunks.push(`${res.status()} ${res.url()}`)),
      );
      await waitForState(page);
      await expect.poll(() => page.locator('tenure-widget [part~="banner"]').count()).toBe(1);
      // The seats panel and a modal exercise the dialog and the inline-looking meter styles too.
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "seats"));
      await expect.poll(() => page.locator('tenure-widget dialog[part="seats"]').count()).toBe(1);
      const banner = await page.locator('tenure-widget [part~="banner"]').evaluate((el) => getComputedStyle(el).position);
      expect(banner, "adopted styles applied").toBe("fixed");
      // The on-demand parts (panels, usage and checklist) loaded as module chunks under the nonce.
      expect(chunks.length, chunks.join("\n")).toBeGreaterThanOrEqual(2);
      expect(chunks.every((c) => c.startsWith("200 "))).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { __csp: string[] }).__csp)).toEqual([]);
      expect(problems(page)).toEqual([]);
      // The detector itself works: an inline style attribute is a violation under this policy.
      await page.evaluate(() => document.body.insertAdjacentHTML("beforeend", '<div style="color: red">x</div>'));
      await expect.poll(() => page.evaluate(() => (window as unknown as { __csp: string[] }).__csp.length)).toBeGreaterThan(0);
      await screenshot(page, "11-strict-csp");
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "serves the built chunks, cacheable for good and readable cross-origin, and nothing else under /widget/chunks/",
    async () => {
      const built = readdirSync(join(WIDGET_DIR, "chunks")).filter((f) => f.endsWith(".js"));
      expect(built.length).toBeGreaterThan(0);
      const res = await fetch(`${h.tenure.url}/widget/chunks/${built[0]}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain("text/javascript");
      expect(res.headers.get("access-control-allow-origin")).toBe("*");
      expect(res.headers.get("cache-control")).toContain("immutable");
      for (const bad of ["nope.js", "..%2Fapp.js", "..%2F..%2Fpackage.json", "x.js.map", "%2e%2e%2fwidget.js"]) {
        expect((await fetch(`${h.tenure.url}/widget/chunks/${bad}`)).status, bad).toBe(404);
      }
    },
    TIMEOUT,
  );

  it(
    "is not changed by a hostile host stylesheet",
    async () => {
      const plain = serve(hostPage(await h.snippetFor({ scenario: "borealis-labs" })));
      const hostile = serve(hostPage(await h.snippetFor({ scenario: "borealis-labs" }), `<style>${HOSTILE_CSS}</style>`));
      const snapshots: string[][] = [];
      for (const path of [plain, hostile]) {
        const page = await h.visit(path);
        await waitForState(page);
        await expect.poll(() => page.locator('tenure-widget [part~="banner"]').count()).toBe(1);
        snapshots.push(await settledSnapshot(page));
        if (path === hostile) await screenshot(page, "12-hostile-host-styles");
        await page.context().close();
      }
      expect(snapshots[0]!.length).toBeGreaterThan(10);
      expect(snapshots[1]!.join("\n")).toEqual(snapshots[0]!.join("\n"));
    },
    TIMEOUT,
  );

  it(
    "does not change the host page's layout, styles or focus",
    async () => {
      const without = serve(hostPage(""));
      const withWidget = serve(hostPage(await h.snippetFor({ scenario: "borealis-labs" })));
      const snapshots: string[][] = [];
      for (const path of [without, withWidget]) {
        const page = await h.visit(path);
        if (path === withWidget) {
          await waitForState(page);
          await expect.poll(() => page.locator('tenure-widget [part~="banner"]').count()).toBe(1);
        }
        snapshots.push(await hostSnapshot(page));
        await page.context().close();
      }
      expect(snapshots[1]).toEqual(snapshots[0]);
    },
    TIMEOUT,
  );

  it(
    "leaves the host page fully usable when Tenure cannot be reached at all",
    async () => {
      const path = serve(hostPage(await h.snippetFor({ scenario: "granite-legal", tenureUrl: "http://127.0.0.1:9" })));
      const page = await h.visit(path);
      await expectUsable(page);
      expect(await page.locator("tenure-widget").count()).toBe(0);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "blocks nothing when the widget API is down, even for a user last seen hard-locked",
    async () => {
      const path = serve(hostPage(await h.snippetFor({ scenario: "granite-legal" })));
      const page = await h.visit(path);
      await waitForState(page);
      await expect.poll(() => page.locator('tenure-widget dialog[part="lock-modal"]').count()).toBe(1);
      // Same browser (same last-known copy), Tenure's API now failing in two ways.
      for (const fail of ["abort", "500"] as const) {
        const again = await page.context().newPage();
        await again.route("**/v1/widget/bootstrap", (route) => (fail === "abort" ? route.abort() : route.fulfill({ status: 500, body: "{}" })));
        await again.goto(h.host.url + path);
        await again.waitForTimeout(500);
        expect(await again.locator("tenure-widget dialog").count()).toBe(0);
        expect((await hostEvents(again)).filter((e) => e[0] === "state")).toEqual([]);
        await expectUsable(again);
      }
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "keeps informing from the last-known state while it is valid when the API is down",
    async () => {
      const path = serve(hostPage(await h.snippetFor({ scenario: "borealis-labs" })));
      const page = await h.visit(path);
      await waitForState(page);
      const again = await page.context().newPage();
      await again.route("**/v1/widget/bootstrap", (route) => route.abort());
      await again.goto(h.host.url + path);
      await waitForState(again);
      expect((await hostEvents(again)).filter((e) => e[0] === "state")).toEqual([
        ["state", { state: "expiring", lockMode: "soft", readOnly: false, blocked: false }],
      ]);
      await expect.poll(() => again.locator('tenure-widget [part~="banner"]').getAttribute("data-state")).toBe("expiring");
      await expectUsable(again);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "shows nothing on a page whose origin the tenant has not allowed, and tells the host why",
    async () => {
      const path = serve(hostPage(await h.snippetFor({ scenario: "granite-legal" })));
      const context = await h.browser.newContext();
      const page = await context.newPage();
      const warnings: string[] = [];
      page.on("console", (message) => message.type() === "warning" && warnings.push(message.text()));
      // Same host server, but "localhost" is another origin than the allowed 127.0.0.1.
      const origin = h.host.url.replace("127.0.0.1", "localhost");
      await page.goto(origin + path);
      // The 403 carries CORS headers, so the widget reads the server's reason and passes it on.
      await page.waitForFunction(() => (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some((e) => e[0] === "error"));
      const message = `origin ${origin} is not allowed for this key`;
      expect((await hostEvents(page)).filter((e) => e[0] === "error")).toEqual([["error", { code: "forbidden", message }]]);
      expect(warnings).toContain(`[Tenure] forbidden: ${message}`);
      expect(await page.locator("tenure-widget").count()).toBe(0);
      expect((await hostEvents(page)).filter((e) => e[0] === "state")).toEqual([]);
      await expectUsable(page);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    "never throws into the host page, whatever it is called with",
    async () => {
      const page = await h.open({ scenario: "acme-robotics" });
      const thrown = await page.evaluate(() => {
        const T = (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure;
        const calls: unknown[][] = [
          [],
          ["nope"],
          ["init", null],
          ["init", { publishableKey: 1 }],
          ["identify", null],
          ["identify", 42],
          ["open", 42],
          ["open", "checklist"],
          ["on", "state", "not a function"],
          ["off", "state"],
          ["track"],
          ["track", { bad: 1 }],
          ["track", "x".repeat(5000)],
        ];
        let errors = 0;
        for (const call of calls) {
          try {
            T(...call);
          } catch {
            errors++;
          }
        }
        T("on", "state", () => {
          throw new Error("host handler bug");
        });
        return errors;
      });
      expect(thrown).toBe(0);
      await page.waitForTimeout(200);
      expect(problems(page).filter((p) => p.startsWith("pageerror"))).toEqual([]);
      await expectUsable(page);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "loads once when the snippet is included twice, and serves calls queued before and after load",
    async () => {
      const snippet = await h.snippetFor({ scenario: "borealis-labs" });
      const script = snippet.slice(snippet.lastIndexOf("<script async"));
      const path = serve(hostPage(snippet + script));
      const appLoads: string[] = [];
      const page = await h.visit(path, undefined, async (p) => {
        p.on("request", (req) => req.url().endsWith("/widget/app.js") && appLoads.push(req.url()));
        await p.addInitScript(() => {
          (window as unknown as { Tenure: unknown }).Tenure = (...args: unknown[]) => {
            const T = (window as unknown as { Tenure: { q?: unknown[] } }).Tenure;
            (T.q = T.q || []).push(args);
          };
          (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("track", "opened_app", { from: "before load" });
        });
      });
      await waitForState(page);
      const late = await page.evaluate(
        () =>
          new Promise((resolve) => {
            const T = (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure;
            T("track", "created_task", { n: 1 });
            T("on", "state", resolve);
          }),
      );
      expect(late).toEqual({ state: "expiring", lockMode: "soft", readOnly: false, blocked: false });
      expect(appLoads).toHaveLength(1);
      expect(await page.locator("tenure-widget").count()).toBe(1);
      await page.context().close();
    },
    TIMEOUT,
  );

  it(
    "follows identify to another user and forgets the user on shutdown",
    async () => {
      const page = await h.open({ scenario: "acme-robotics" });
      const granite = scenario("granite-legal").users[0]!;
      const token = await h.tenure.token({ sub: granite.sub, acct: "granite-legal", role: granite.role });
      await page.evaluate((t) => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("identify", t), token);
      await expect.poll(() => page.locator('tenure-widget dialog[part="lock-modal"]').count()).toBe(1);
      const states = (await hostEvents(page)).filter((e) => e[0] === "state").map((e) => (e[1] as { state: string }).state);
      expect(states).toEqual(["active", "locked"]);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.startsWith("tenure:")).length)).toBeGreaterThan(0);
      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("shutdown"));
      expect(await page.locator("tenure-widget").count()).toBe(0);
      expect(await page.evaluate(() => Object.keys(localStorage).filter((k) => k.includes("granite-legal")))).toEqual([]);
      await expectUsable(page);
      await page.context().close();
    },
    TIMEOUT,
  );
});

/** The host's own form still takes input and submits, and nothing covers it. */
async function expectUsable(page: Page): Promise<void> {
  await page.locator("#task").fill("Write launch plan");
  await page.locator("#add").click({ timeout: 3000 });
  await expect.poll(() => page.locator("#added").innerText()).toBe("Added: Write launch plan");
}
