/** One Tenure, one vendor host and one Chromium shared by a test file, plus "open the app as this user". */
import type { Browser, BrowserContextOptions, Page } from "playwright-core";
import { SCENARIOS } from "../../../demo/scenarios.ts";
import type { Scenario } from "../../../demo/scenarios.ts";
import { launchChromium } from "./browser.ts";
import { hostPage, snippet, startHost } from "./host.ts";
import type { HostServer } from "./host.ts";
import { startTenure } from "./tenure.ts";
import type { TestTenure } from "./tenure.ts";

export interface Harness {
  tenure: TestTenure;
  host: HostServer;
  browser: Browser;
  /** Serves a page with the real snippet for this user and opens it in a fresh context. */
  open(options: OpenOptions): Promise<Page>;
  /** The snippet for a scenario's user, to build custom host pages. */
  snippetFor(options: SnippetFor): Promise<string>;
  /** A fresh context's page at the host's `path`, with a log of page errors and console errors. */
  visit(path: string, context?: BrowserContextOptions, before?: (page: Page) => Promise<void>): Promise<Page>;
  close(): Promise<void>;
}

export interface OpenOptions {
  scenario: Scenario | string;
  role?: "admin" | "member";
  context?: BrowserContextOptions;
  locale?: string;
  /** Runs before navigation (e.g. `page.clock.install`). */
  before?: (page: Page) => Promise<void>;
  /** Wait for the widget to report a state (default true). */
  waitForState?: boolean;
}

export interface SnippetFor {
  scenario: Scenario | string;
  role?: "admin" | "member";
  locale?: string;
  nonce?: string;
  /** Where the page thinks Tenure is (default: the test server). */
  tenureUrl?: string;
}

export function scenario(accountId: string): Scenario {
  const found = SCENARIOS.find((s) => s.accountId === accountId);
  if (!found) throw new Error(`no scenario ${accountId}`);
  return found;
}

let pages = 0;

const pageProblems = new WeakMap<Page, string[]>();

/** Page errors and console errors seen since the page opened (see `visit`). */
export function problems(page: Page): string[] {
  return pageProblems.get(page) ?? [];
}

export async function waitForState(page: Page): Promise<void> {
  await page.waitForFunction(() => (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some((e) => e[0] === "state"), null, {
    timeout: 10_000,
  });
}

export async function startHarness(options: { seed?: readonly Scenario[]; renewalUrl?: string | null } = {}): Promise<Harness> {
  const host = await startHost();
  const tenure = await startTenure({ origins: [host.origin], ...(options.renewalUrl !== undefined ? { renewalUrl: options.renewalUrl } : {}) });
  for (const s of options.seed ?? SCENARIOS) await tenure.seed(s);
  const browser = await launchChromium();
  async function snippetFor(o: SnippetFor): Promise<string> {
    const s = typeof o.scenario === "string" ? scenario(o.scenario) : o.scenario;
    const user = s.users.find((u) => u.role === (o.role ?? "admin"))!;
    const userToken = await tenure.token({ sub: user.sub, acct: s.accountId, role: user.role, name: user.name });
    return snippet({
      tenureUrl: o.tenureUrl ?? tenure.url,
      publishableKey: tenure.publishableKey,
      userToken,
      ...(o.locale ? { locale: o.locale } : {}),
      ...(o.nonce ? { nonce: o.nonce } : {}),
    });
  }
  async function visit(path: string, contextOptions?: BrowserContextOptions, before?: (page: Page) => Promise<void>): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, timezoneId: "Europe/Paris", locale: "en-US", ...contextOptions });
    const page = await context.newPage();
    const problems: string[] = [];
    page.on("pageerror", (error) => problems.push(`pageerror: ${error.message}`));
    page.on("console", (message) => message.type() === "error" && problems.push(`console: ${message.text()}`));
    pageProblems.set(page, problems);
    await before?.(page);
    await page.goto(host.url + path);
    return page;
  }
  async function open(o: OpenOptions): Promise<Page> {
    const path = `/app-${++pages}`;
    host.route(path, { body: hostPage(await snippetFor(o)) });
    const page = await visit(path, o.context, o.before);
    if (o.waitForState !== false) await waitForState(page);
    return page;
  }
  return {
    tenure,
    host,
    browser,
    open,
    snippetFor,
    visit,
    async close() {
      await browser.close();
      await tenure.close();
      await host.close();
    },
  };
}
