/**
 * The vendor console in real Chromium, against the demo (`npm start`'s seeded tenant):
 * sign-in through CLI links, one-time and expiring links, roles refused by the server,
 * CSRF, a gift with its preview landing in the ledger and audit log, axe on every page,
 * and screenshots of every page at 1280 and 390 px.
 */
import AxeBuilder from "@axe-core/playwright";
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startDemo } from "../../demo/server.ts";
import type { DemoServer } from "../../demo/server.ts";
import { DEMO_OWNER } from "../../demo/staff.ts";
import { findStaffByEmail } from "../../server/services/staff/members.ts";
import { SIGN_IN_LINK_TTL_MS, mintSignInLink } from "../../server/services/staff/sign-in-links.ts";
import { ARTIFACTS, launchChromium, screenshot } from "./support/browser.ts";
import { assertWidgetBuilt, WIDGET_DIR } from "./support/tenure.ts";

const TIMEOUT = 180_000;
const run = promisify(execFile);
let demo: DemoServer;
let browser: Browser;
let dir: string;
let databaseUrl: string;
let tenantId: string;

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** `npm run tenure -- staff …` in its own process, on the demo's database file. */
async function cli(...args: string[]): Promise<Record<string, string>> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
    env: { ...process.env, DATABASE_URL: databaseUrl, PUBLIC_URL: demo.url },
  });
  const lines = stdout.trim().split("\n");
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0]!) as Record<string, string>;
}

/** A sign-in link for a member, adding them with the role on first use (each test stands alone). */
async function linkFor(email: string, role: string): Promise<string> {
  const existing = await findStaffByEmail(demo.db, tenantId, email).catch(() => null);
  const out = existing
    ? await cli("staff", "link", "--tenant", tenantId, "--email", email)
    : await cli("staff", "add", "--tenant", tenantId, "--email", email, "--role", role);
  return out.signInUrl!;
}

async function newContext(width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const context = await browser.newContext({ viewport: { width, height: 900 }, timezoneId: "Europe/Paris", locale: "en-GB" });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on("pageerror", (e) => errors.push(e.message));
  page.on("console", (m) => m.type() === "error" && !m.text().includes("favicon") && !m.text().includes("status of 403") && errors.push(m.text()));
  return { context, page, errors };
}

/** Opens a sign-in link and waits for the console to show its navigation. */
async function signIn(link: string, width = 1280): Promise<{ context: BrowserContext; page: Page; errors: string[] }> {
  const session = await newContext(width);
  await session.page.goto(link);
  await session.page.waitForURL(/\/console\/$/);
  await session.page.getByRole("navigation", { name: "Console" }).waitFor();
  return session;
}

/** A fetch from inside the signed-in page (same origin, the session cookie), with or without the CSRF token. */
function pageFetch(page: Page, method: string, path: string, body: unknown, withCsrf: boolean): Promise<number> {
  return page.evaluate(
    async ({ method, path, body, withCsrf }) => {
      const me = (await (await fetch("/console/api/me")).json()) as { csrfToken: string };
      const res = await fetch(`/console/api${path}`, {
        method,
        headers: { "content-type": "application/json", ...(withCsrf ? { "x-csrf-token": me.csrfToken } : {}) },
        body: JSON.stringify(body),
      });
      return res.status;
    },
    { method, path, body, withCsrf },
  );
}

async function expectNoSeriousAxeViolations(page: Page, what: string): Promise<void> {
  const result = await new AxeBuilder({ page }).analyze();
  const serious = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  expect(
    serious.map(
      (v) =>
        `${what}: ${v.id}: ${v.nodes
          .slice(0, 3)
          .map((n) => n.target.join(" "))
          .join(", ")}`,
    ),
  ).toEqual([]);
}

beforeAll(async () => {
  assertWidgetBuilt();
  dir = mkdtempSync(join(tmpdir(), "tenure-console-"));
  databaseUrl = "file:" + join(dir, "demo.db");
  demo = await startDemo({ port: await freePort(), databaseUrl, widgetDir: WIDGET_DIR });
  tenantId = (await demo.db.query.tenants.findFirst())!.id;
  mkdirSync(ARTIFACTS, { recursive: true });
  browser = await launchChromium();
}, TIMEOUT);

afterAll(async () => {
  await browser?.close();
  await demo?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("signing in to the console", () => {
  it(
    "signs in through the link npm start prints, and refuses the same link twice",
    async () => {
      const { context, page, errors } = await signIn(demo.staffSignInUrl);
      expect(await page.getByRole("heading", { level: 1 }).innerText()).toBe("Accounts");
      const again = await newContext();
      await again.page.goto(demo.staffSignInUrl);
      await again.page.getByRole("heading", { name: /already used or has expired/ }).waitFor();
      expect(errors).toEqual([]);
      await again.context.close();
      await context.close();
    },
    TIMEOUT,
  );

  it(
    "signs in through a CLI link (staff add, then staff link), and refuses one past 15 minutes",
    async () => {
      const added = await cli("staff", "add", "--tenant", tenantId, "--email", "li.wei@planboard.example", "--role", "csm");
      expect(added).toMatchObject({ email: "li.wei@planboard.example", role: "csm" });
      expect(Date.parse(added.expiresAt!) - Date.now()).toBeLessThanOrEqual(SIGN_IN_LINK_TTL_MS);
      const first = await signIn(added.signInUrl!);
      expect(await first.page.locator(".who").innerText()).toContain("li.wei@planboard.example · csm");
      await first.context.close();
      const linked = await cli("staff", "link", "--tenant", tenantId, "--email", "li.wei@planboard.example");
      const second = await signIn(linked.signInUrl!);
      await second.context.close();

      const staff = await findStaffByEmail(demo.db, tenantId, "li.wei@planboard.example");
      const stale = await mintSignInLink(demo.db, { staff, baseUrl: demo.url, now: Date.now() - SIGN_IN_LINK_TTL_MS - 1000 });
      const late = await newContext();
      await late.page.goto(stale.signInUrl);
      await late.page.getByRole("heading", { name: /already used or has expired/ }).waitFor();
      await late.context.close();
    },
    TIMEOUT,
  );
});

describe("roles", () => {
  it(
    "shows a viewer no writes, and the server answers 403 to the writes it tries anyway",
    async () => {
      const { signInUrl } = await cli("staff", "add", "--tenant", tenantId, "--email", "viewer@planboard.example", "--role", "viewer");
      const { context, page } = await signIn(signInUrl!);
      const nav = await page.getByRole("navigation", { name: "Console" }).innerText();
      expect(nav).not.toContain("Staff");
      expect(nav).not.toContain("Settings");
      await page.goto(`${demo.url}/console/#/accounts/acme-robotics`);
      await page.getByRole("heading", { name: "Explain this date" }).waitFor();
      expect(await page.getByRole("button", { name: "Gift seats or time" }).count()).toBe(0);
      expect(await pageFetch(page, "POST", "/accounts/acme-robotics/gifts", { type: "seats", seats: 1, reason: "x" }, true)).toBe(403);
      expect(await pageFetch(page, "POST", "/accounts/acme-robotics/notes", { body: "x" }, true)).toBe(403);
      expect(await pageFetch(page, "PATCH", "/settings", { productName: "X" }, true)).toBe(403);
      expect(await pageFetch(page, "POST", "/staff", { email: "x@planboard.example", role: "owner" }, true)).toBe(403);
      await context.close();
    },
    TIMEOUT,
  );

  it(
    "lets finance confirm a payment but not gift; the CSM gifts but manages no staff",
    async () => {
      const finance = await signIn(await linkFor("finance@planboard.example", "finance"));
      expect(await pageFetch(finance.page, "POST", "/accounts/acme-robotics/gifts", { type: "seats", seats: 1, reason: "x" }, true)).toBe(403);
      expect(await pageFetch(finance.page, "POST", "/renewals/ren_none/confirm", {}, true)).toBe(404);
      await finance.context.close();
      const csm = await signIn(await linkFor("li.wei@planboard.example", "csm"));
      expect(await pageFetch(csm.page, "POST", "/staff", { email: "y@planboard.example", role: "owner" }, true)).toBe(403);
      expect(await pageFetch(csm.page, "POST", "/renewals/ren_none/confirm", {}, true)).toBe(403);
      await csm.context.close();
    },
    TIMEOUT,
  );

  it(
    "refuses a write without the CSRF token",
    async () => {
      const csm = await signIn(await linkFor("li.wei@planboard.example", "csm"));
      expect(await pageFetch(csm.page, "POST", "/accounts/acme-robotics/notes", { body: "no token" }, false)).toBe(403);
      expect(await pageFetch(csm.page, "POST", "/accounts/acme-robotics/notes", { body: "with token" }, true)).toBe(201);
      await csm.context.close();
    },
    TIMEOUT,
  );
});

describe("a gift from the console", () => {
  it(
    "shows the recommendation and a preview, then lands in the ledger and the audit log",
    async () => {
      const { context, page, errors } = await signIn(await linkFor("li.wei@planboard.example", "csm"));
      await page.goto(`${demo.url}/console/#/accounts/cathay-trading`);
      await page.getByRole("button", { name: "Gift seats or time" }).click();
      const dialog = page.getByRole("dialog", { name: "Gift seats or time" });
      await dialog.getByText(/^Recommended:/).waitFor();
      await dialog.getByLabel("Time (calendar days)").check();
      await dialog.getByLabel("Days", { exact: true }).fill("30");
      await dialog.getByLabel(/^Reason/).fill("Migration delay on their side");
      await expect
        .poll(() => dialog.locator("output").innerText())
        .toMatch(/contract end stays until .+ \(Asia\/Shanghai\); access moves to .+; renewal month and ARR unchanged/);
      await expectNoSeriousAxeViolations(page, "gift dialog");
      await screenshot(page, "console-gift-dialog-1280");
      await dialog.getByRole("button", { name: "Save gift" }).click();
      await page.getByRole("cell", { name: "Migration delay on their side", exact: true }).waitFor();
      // The ledger as stored (the demo's keys live only in its database, sealed).
      const gift = await demo.db.query.grants.findFirst({ where: (t, { eq }) => eq(t.reason, "Migration delay on their side") });
      expect(gift).toMatchObject({ type: "time", days: 30, createdBy: "staff:li.wei@planboard.example" });
      const audit = await demo.db.query.auditLog.findFirst({
        where: (t, { and, eq }) => and(eq(t.action, "grant.create"), eq(t.target, "account:cathay-trading")),
      });
      expect(audit).toMatchObject({ actorEmail: "li.wei@planboard.example" });
      expect((audit!.after as { grant: { reason: string } }).grant.reason).toBe("Migration delay on their side");
      expect(errors).toEqual([]);
      await context.close();
    },
    TIMEOUT,
  );
});

describe("every page", () => {
  const PAGES: Array<[string, string]> = [
    ["accounts", "Accounts"],
    ["accounts/acme-robotics", "Acme Robotics"],
    ["renewals", "Renewals"],
    ["metrics", "Metrics"],
    ["webhooks", "Webhooks"],
    ["settings", "Settings"],
    ["staff", "Staff"],
  ];
  for (const width of [1280, 390]) {
    it(
      `renders at ${width} px without serious axe violations (screenshots in test-artifacts/)`,
      async () => {
        const { page, context, errors } = await signIn(await linkFor(DEMO_OWNER, "owner"), width);
        for (const [route, heading] of PAGES) {
          await page.goto(`${demo.url}/console/#/${route}`);
          await page.getByRole("heading", { level: 1, name: heading }).waitFor();
          await page.locator(".loading").waitFor({ state: "detached" });
          await page.waitForLoadState("networkidle");
          await expectNoSeriousAxeViolations(page, `${route} at ${width}`);
          await page.screenshot({ path: join(ARTIFACTS, `console-${route.replace("/", "-")}-${width}.png`), fullPage: true });
        }
        // No page scrolls sideways as a whole at 390 px: wide tables scroll inside their own box.
        if (width === 390) expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
        expect(errors).toEqual([]);
        await context.close();
      },
      TIMEOUT,
    );
  }
});
