import { execFile } from "node:child_process";
import { readdirSync, readFileSync, statSync } from "node:fs";
import { extname, join, relative } from "node:path";
import { promisify } from "node:util";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium, screenshot } from "../e2e/support/browser.ts";
import { startHost } from "../e2e/support/host.ts";
import type { HostServer } from "../e2e/support/host.ts";
import { startTenure } from "../e2e/support/tenure.ts";
import type { TestTenure } from "../e2e/support/tenure.ts";
import { ROOT, installFixture, removeFixture } from "./support/install.ts";

const run = promisify(execFile);
const TYPES: Record<string, string> = { ".html": "text/html; charset=utf-8", ".js": "text/javascript", ".css": "text/css" };
const DAY = 86_400_000;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => (statSync(join(dir, name)).isDirectory() ? files(join(dir, name)) : [join(dir, name)]));
}

describe("@tenure/react installed from its tarball into a Vite + React app", () => {
  let app: string;
  let host: HostServer;
  let tenure: TestTenure;
  let browser: Browser;

  beforeAll(async () => {
    app = installFixture("react-app", ["js", "react"]);
    await run(process.execPath, [join(ROOT, "node_modules/vite/bin/vite.js"), "build"], { cwd: app, timeout: 60_000 });
    host = await startHost();
    for (const file of files(join(app, "dist"))) {
      const path = "/" + relative(join(app, "dist"), file);
      host.route(path === "/index.html" ? "/" : path, { body: readFileSync(file, "utf8"), type: TYPES[extname(file)] ?? "application/octet-stream" });
    }
    tenure = await startTenure({ origins: [host.origin] });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await tenure?.close();
    await host?.close();
    if (app) removeFixture(app);
  });

  it("renders the widget and useTenureState follows the state across the access boundary", async () => {
    // A term whose access ends in UTC at the start of a day; the server's clock is put 20 s
    // before it: time enough for a loaded machine to build the page and show "expiring" first.
    const today = new Date(Math.floor(Date.now() / DAY) * DAY);
    const endDate = new Date(today.getTime() + 5 * DAY).toISOString().slice(0, 10);
    const accessEndsAt = today.getTime() + 6 * DAY;
    tenure.advance(accessEndsAt - 20_000 - Date.now());
    expect((await tenure.api("PUT", "/v1/accounts/react-co", { name: "React Co", timezone: "UTC" })).status).toBe(201);
    const contract = await tenure.api("PUT", "/v1/accounts/react-co/contract", {
      seats: 10,
      startDate: "2026-01-01",
      endDate,
      graceHours: 48,
      lockMode: "soft",
    });
    expect(contract.status, await contract.text()).toBe(201);
    host.route("/config.json", { body: JSON.stringify({ src: `${tenure.url}/widget.js`, publishableKey: tenure.publishableKey }), type: "application/json" });
    // The vendor's token endpoint answers after widget.js has loaded and replaced the snippet's
    // queue: calls made then must still reach the widget.
    host.route("/tenure-token", { body: await tenure.token({ sub: "ada", acct: "react-co", role: "admin", name: "Ada" }), type: "text/plain", delayMs: 1500 });

    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(error.message));
    await page.goto(host.url + "/");

    await page.locator("#status[data-state=expiring]").waitFor({ timeout: 20_000 });
    await page.locator("tenure-widget").waitFor({ state: "attached" });
    const banner = await page.evaluate(() => document.querySelector("tenure-widget")?.shadowRoot?.querySelector("[part~=banner]")?.textContent ?? "");
    expect(banner.length, "the widget's banner is rendered").toBeGreaterThan(0);
    await screenshot(page, "packages-react-expiring");

    await page.locator("#status[data-state=grace]").waitFor({ timeout: 40_000 });
    const states = await page.evaluate(() => (window as unknown as { __states: string[] }).__states);
    expect(states[0], states.join()).toBe("expiring");
    expect(states.at(-1), states.join()).toBe("grace");
    expect(errors).toEqual([]);
    await screenshot(page, "packages-react-grace");
    await context.close();
  }, 90_000);
});
