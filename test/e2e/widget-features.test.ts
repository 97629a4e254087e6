/**
 * Features, seats and the signed entitlement in the real widget, in real Chromium: the host
 * hears `features` and `entitlement` (a token its backend verifies with jose against the
 * JWKS), the seats panel lists the plan's features, metered use and reset time, and the seat
 * holders with release; a user the seat policy leaves out sees "no seat available".
 */
import { createLocalJWKSet, jwtVerify } from "jose";
import type { JSONWebKeySet } from "jose";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Scenario } from "../../demo/scenarios.ts";
import { contractBody } from "../../demo/scenarios.ts";
import { hostEvents, screenshot } from "./support/browser.ts";
import { problems, startHarness } from "./support/harness.ts";
import type { Harness } from "./support/harness.ts";

const TIMEOUT = 60_000;
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ seed: [] });
}, TIMEOUT);
afterAll(async () => {
  await h?.close();
});

function account(id: string, seats: number): Scenario {
  return {
    accountId: id,
    label: id,
    plan: "Team",
    account: { name: `Co ${id}`, timezone: "Asia/Shanghai", locale: "en" },
    lastDayFromToday: 200,
    seats,
    users: [
      { sub: "ada", name: "Ada Park", role: "admin", email: "ada@co.test" },
      { sub: "mo", name: "Mo Reyes", role: "member", email: "mo@co.test" },
    ],
  };
}

function shadow(page: Page, selector: string) {
  return page.locator("tenure-widget").locator(selector);
}

async function listen(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { Tenure: (...a: unknown[]) => void; __tenureEvents: unknown[][] };
    w.Tenure("on", "features", (f: unknown) => w.__tenureEvents.push(["features", f]));
    w.Tenure("on", "entitlement", (e: unknown) => w.__tenureEvents.push(["entitlement", e]));
  });
}

describe("features and seats in the widget", () => {
  it(
    "tells the host the features and a token it can verify, and shows them in the admin's seats panel with release",
    async () => {
      const s = account("feat-co", 5);
      await h.tenure.seed(s);
      const events = await h.tenure.api("POST", "/v1/events", {
        events: [{ id: "ex-1", accountId: s.accountId, name: "export", properties: { quantity: 3 } }],
      });
      expect(events.status).toBe(202);
      const page = await h.open({ scenario: s, role: "admin" });
      await listen(page);
      await page.waitForFunction(() => (window as unknown as { __tenureEvents: unknown[][] }).__tenureEvents.some((e) => e[0] === "entitlement"));
      const seen = await hostEvents(page);
      const features = seen.find((e) => e[0] === "features")![1] as Record<string, { enabled: boolean; used?: number; limit?: number }>;
      expect(features.exports).toMatchObject({ enabled: true, used: 3, limit: 200 });
      expect(features.timeline).toEqual({ enabled: true });
      const { token } = seen.find((e) => e[0] === "entitlement")![1] as { token: string; features: unknown };
      const tenantId = await (await h.tenure.api("GET", `/v1/accounts/${s.accountId}/entitlement/token`))
        .json()
        .then((b: { entitlementToken: string }) => JSON.parse(Buffer.from(b.entitlementToken.split(".")[1]!, "base64url").toString()).aud as string);
      const jwks = (await (await fetch(`${h.tenure.url}/v1/tenants/${tenantId}/jwks.json`)).json()) as JSONWebKeySet;
      const { payload } = await jwtVerify(token, createLocalJWKSet(jwks), { audience: tenantId, algorithms: ["EdDSA"] });
      expect(payload).toMatchObject({ sub: s.accountId, features: { exports: { used: 3 } } });

      await page.evaluate(() => (window as unknown as { Tenure: (...a: unknown[]) => void }).Tenure("open", "seats"));
      const exportsRow = shadow(page, '[data-feature="exports"]');
      await exportsRow.waitFor();
      const text = await exportsRow.innerText();
      expect(text).toContain("3 of 200 used");
      expect(text).toMatch(/resets .*\d{1,2}:\d{2}.*\(Asia\/Shanghai\)/);
      await expect.poll(() => shadow(page, ".holders li").count()).toBe(2);
      await screenshot(page, "features-seats-panel");
      await shadow(page, '.holders li[data-user="mo"] button').click();
      await expect.poll(() => shadow(page, ".holders li").count()).toBe(1);
      const after = await (await h.tenure.api("GET", `/v1/accounts/${s.accountId}/entitlement`)).json();
      expect(after.seats.used).toBe(1);
      expect(problems(page)).toEqual([]);
    },
    TIMEOUT,
  );

  it(
    "shows a user left without a seat that none is available, and reports seat: false",
    async () => {
      const s = account("full-co", 1);
      await h.tenure.seed(s);
      // One licensed seat, blocked past it: Ada keeps hers, Mo's is released and cannot be taken back.
      const contract = await h.tenure.api("PUT", `/v1/accounts/${s.accountId}/contract`, { ...contractBody(s, h.tenure.now()), seatPolicy: "block" });
      expect(contract.status, await contract.text()).toBe(200);
      expect((await h.tenure.api("DELETE", `/v1/accounts/${s.accountId}/users/mo/seat`)).status).toBe(200);
      const page = await h.open({ scenario: s, role: "member" });
      const notice = shadow(page, '[data-seat="none"]');
      await notice.waitFor();
      expect(await notice.innerText()).toContain("No seat available");
      expect(await notice.innerText()).toContain("Ask your admin");
      const states = (await hostEvents(page)).filter((e) => e[0] === "state");
      expect(states.at(-1)![1]).toMatchObject({ state: "active", seat: false });
      await screenshot(page, "features-no-seat");
      expect(problems(page)).toEqual([]);
    },
    TIMEOUT,
  );
});
