import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { simulateAccount } from "../../server/cli/simulate.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const run = promisify(execFile);
let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => ctx.close());

/** What the widget is told at the test clock's now, with the token the command printed. */
async function widgetState(userToken: string): Promise<{ state: string; lockMode: string }> {
  const res = await ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  const body = JSON.parse(text) as { entitlement: { state: string; lockMode: string } };
  return body.entitlement;
}

describe("account simulate", () => {
  for (const state of ["active", "expiring", "grace", "locked"] as const) {
    it(`puts a preview account in ${state} now, and the widget shows ${state} with the printed token`, async () => {
      const result = (await simulateAccount(ctx.db, { tenantId: ctx.tenant.tenantId, state, role: "admin", now: ctx.clock.now })) as {
        accountId: string;
        entitlement: { state: string };
        userToken: string;
      };
      expect(result.accountId).toBe(`preview-${state}`);
      expect(result.entitlement.state).toBe(state);
      expect((await widgetState(result.userToken)).state).toBe(state);
    });
  }

  it("applies the lock mode asked for, and simulating again moves the same preview account", async () => {
    const tenantId = ctx.tenant.tenantId;
    const locked = (await simulateAccount(ctx.db, {
      tenantId,
      state: "locked",
      lockMode: "hard",
      accountId: "preview-x",
      role: "member",
      now: ctx.clock.now,
    })) as { userToken: string };
    expect(await widgetState(locked.userToken)).toMatchObject({ state: "locked", lockMode: "hard" });
    const active = (await simulateAccount(ctx.db, { tenantId, state: "active", accountId: "preview-x", role: "member", now: ctx.clock.now })) as {
      userToken: string;
    };
    expect((await widgetState(active.userToken)).state).toBe("active");
  });

  it("never touches an account outside preview-…, and says when gifts keep a preview from its state", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
    const before = await dbFingerprint(ctx);
    await expect(
      simulateAccount(ctx.db, { tenantId: ctx.tenant.tenantId, state: "locked", accountId: "acme", role: "admin", now: ctx.clock.now }),
    ).rejects.toThrow("preview-");
    await expect(simulateAccount(ctx.db, { tenantId: "ten_nobody", state: "locked", role: "admin", now: ctx.clock.now })).rejects.toThrow("no tenant");
    expect(await dbFingerprint(ctx)).toBe(before);

    await simulateAccount(ctx.db, { tenantId: ctx.tenant.tenantId, state: "grace", role: "admin", now: ctx.clock.now });
    const gift = await ctx.call("POST", "/v1/accounts/preview-grace/grants", { body: { type: "time", days: 30, reason: "preview" } });
    expect(gift.status, await gift.text()).toBe(201);
    await expect(simulateAccount(ctx.db, { tenantId: ctx.tenant.tenantId, state: "grace", role: "admin", now: ctx.clock.now })).rejects.toThrow(
      "because of its grants or renewals",
    );
  });

  it("runs as npm run tenure -- account simulate and prints one JSON line", async () => {
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "server/cli.ts", "account", "simulate", "--tenant", ctx.tenant.tenantId, "--state", "expiring"],
      {
        env: { ...process.env, DATABASE_URL: `file:${ctx.dir}/tenure.db` },
      },
    );
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const printed = JSON.parse(stdout) as { accountId: string; userToken: string; userTokenExpiresAt: string };
    expect(printed.accountId).toBe("preview-expiring");
    // The CLI used the real clock; the widget is asked at the same real moment.
    ctx.clock.now = Date.now();
    expect((await widgetState(printed.userToken)).state).toBe("expiring");
  }, 180_000);
});
