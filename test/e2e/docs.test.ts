import { mkdirSync } from "node:fs";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./support/browser.ts";
import { startTenure } from "./support/tenure.ts";
import type { TestTenure } from "./support/tenure.ts";

const SHOTS = "/tmp/shots-12";

let tenure: TestTenure;
let browser: Browser;

beforeAll(async () => {
  tenure = await startTenure({ origins: [] });
  browser = await launchChromium();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await tenure?.close();
});

interface Seen {
  external: string[];
  violations: string[];
  errors: string[];
}

/** Opens a page, recording every request that leaves the Tenure server and every CSP violation. */
async function open(path: string, width: number): Promise<{ page: Page; seen: Seen }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const seen: Seen = { external: [], violations: [], errors: [] };
  const origin = new URL(tenure.url).origin;
  page.on("request", (request) => {
    const url = request.url();
    if (!url.startsWith(origin) && !url.startsWith("data:") && !url.startsWith("blob:")) seen.external.push(url);
  });
  page.on("console", (message) => {
    if (message.type() === "error") seen.errors.push(message.text());
  });
  page.on("pageerror", (error) => seen.errors.push(error.message));
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) => {
      (window as unknown as { __violations: string[] }).__violations ??= [];
      (window as unknown as { __violations: string[] }).__violations.push(`${event.violatedDirective} ${event.blockedURI}`);
    });
  });
  await page.goto(`${tenure.url}${path}`);
  return { page, seen };
}

async function violations(page: Page): Promise<string[]> {
  return page.evaluate(() => (window as unknown as { __violations?: string[] }).__violations ?? []);
}

describe("/docs", () => {
  it("renders the Scalar reference of every route under its own CSP, with no external requests", async () => {
    const { page, seen } = await open("/docs", 1280);
    const response = await page.request.get(`${tenure.url}/docs`);
    const csp = response.headers()["content-security-policy"] ?? "";
    expect(csp).toContain("default-src 'none'");
    const scripts = /script-src ([^;]*)/.exec(csp)?.[1] ?? "";
    expect(scripts).toMatch(/^'nonce-[^']+'$/);

    // The reference's own words: the document's title, a route group and a route.
    await page.getByRole("heading", { name: "Tenure API" }).first().waitFor({ timeout: 30_000 });
    await page.getByText("Set the current contract term").first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState("networkidle");
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: `${SHOTS}/docs.png` });

    const html = await page.content();
    expect(html).toContain("/docs/scalar.js");
    expect(seen.external).toEqual([]);
    expect(await violations(page)).toEqual([]);
    expect(seen.errors.filter((text) => /Content Security Policy|Refused/i.test(text))).toEqual([]);
    await page.context().close();
  }, 90_000);

  it("opens an operation with its parameters and answers, and the webhook events", async () => {
    const { page, seen } = await open("/docs", 1280);
    const sidebar = page.locator("aside, nav").first();
    await sidebar.getByText("Renewals", { exact: true }).first().click({ timeout: 30_000 });
    await sidebar.getByText("Start a renewal of the current term").first().click({ timeout: 30_000 });
    await page.getByText("Idempotency-Key").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/docs-renewals.png` });
    await sidebar.getByText("Webhook events", { exact: true }).first().click({ timeout: 30_000 });
    await sidebar.getByText("Payment confirmed: the next term has started").first().click({ timeout: 30_000 });
    await page.getByText("webhook-signature").first().waitFor({ timeout: 30_000 });
    await page.screenshot({ path: `${SHOTS}/docs-webhook.png` });
    expect(seen.external).toEqual([]);
    expect(await violations(page)).toEqual([]);
    await page.context().close();
  }, 120_000);

  it("links the guides, served by Tenure as Markdown", async () => {
    const index = await fetch(`${tenure.url}/docs/guides`);
    expect(index.url).toMatch(/\/docs\/guides\/README\.md$/);
    const text = await index.text();
    expect(index.headers.get("content-type")).toContain("text/markdown");
    for (const name of ["quick-start", "widget-js-api", "csp", "enforcing-locks", "webhooks", "react-nextjs", "local-testing", "settings", "deploy-workers"]) {
      expect(text).toContain(`${name}.md`);
      const guide = await fetch(`${tenure.url}/docs/guides/${name}.md`);
      expect(guide.status, name).toBe(200);
    }
    expect((await fetch(`${tenure.url}/docs/guides/..%2F..%2Fpackage.json`)).status).toBe(404);
  });
});
