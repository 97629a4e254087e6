import type { Hono } from "hono";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import type { AppEnv } from "../../server/env.ts";
import { remindersJob } from "../../server/services/reminders/reminders-job.ts";
import { schedulerDeps } from "../../server/services/scheduler/deps.ts";
import { tick } from "../../server/services/scheduler/tick.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { signIn } from "../support/console.ts";
import { startWebhookReceiver } from "../support/webhook-receiver.ts";

let ctx: TestContext;

beforeEach(async () => {
  ctx = await createTestContext({ now: "2027-01-02T00:00:00.000Z" });
  await seedAccount(
    ctx,
    "big",
    { name: "Big Corp", timezone: "America/New_York", segment: "high_touch", owner: "dana@vendor.example" },
    { seats: 500, startDate: "2026-04-01", endDate: "2027-03-31", amount: { value: 12_000_000, currency: "USD" }, upliftPercent: 5 },
  );
});
afterEach(async () => ctx.close());

async function json(res: Response): Promise<any> {
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text);
}

describe("the console's renewal playbook", () => {
  it("shows the account's owner and its renewal opportunity on the account page", async () => {
    await remindersJob.run(ctx.db, ctx.clock.now, schedulerDeps()); // the 90-day milestone, 1 Jan 2027 in New York
    const staff = await signIn(ctx, "csm@vendor.example", "csm");
    const detail = await json(await staff.call("GET", "/console/api/accounts/big"));
    expect(detail.account.owner).toBe("dana@vendor.example");
    expect(detail.opportunities).toEqual([
      expect.objectContaining({
        owner: "dana@vendor.example",
        milestoneDays: 90,
        contractEndDate: "2027-03-31",
        nextTerm: expect.objectContaining({ amount: { value: 12_600_000, currency: "USD" } }),
      }),
    ]);
    expect(detail.offers).toEqual([]);
  });

  it("lists failing webhook endpoints for the banner once the failure threshold is reached, and none before", async () => {
    const receiver = await startWebhookReceiver(() => 503);
    try {
      const app: Hono<AppEnv> = createApp({ db: ctx.db, clock: () => ctx.clock.now, allowPrivateWebhookTargets: true });
      expect((await ctx.call("PATCH", "/v1/settings", { body: { webhookFailureAlertAfter: 2 } })).status).toBe(200);
      const added = await app.request("/v1/webhooks/endpoints", {
        method: "POST",
        headers: { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" },
        body: JSON.stringify({ url: receiver.url, eventTypes: ["grant.created"] }),
      });
      expect(added.status, await added.clone().text()).toBe(201);
      const staff = await signIn(ctx, "viewer@vendor.example", "viewer");
      expect(await json(await staff.call("GET", "/console/api/webhooks/failing"))).toEqual({ endpoints: [] });
      for (let i = 0; i < 2; i++)
        expect((await ctx.call("POST", "/v1/accounts/big/grants", { body: { type: "seats", seats: 1, reason: `gift ${i}` } })).status).toBe(201);
      await tick(ctx.db, ctx.clock.now, { allowPrivateWebhookTargets: true });
      const { endpoints } = await json(await staff.call("GET", "/console/api/webhooks/failing"));
      expect(endpoints).toEqual([expect.objectContaining({ url: receiver.url, consecutiveFailures: 2, failingSince: expect.any(String) })]);
    } finally {
      await receiver.close();
    }
  });
});
