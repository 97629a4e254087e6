import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { changeWatcher, onChange, startChangeWatcher } from "../../server/services/tenants/changes.ts";
import type { ChangeEvent } from "../../server/services/tenants/changes.ts";
import { accountVersion, tenantVersion } from "../../server/services/tenants/tenant-version.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { spawnServer } from "../support/processes.ts";
import type { ServerProcess } from "../support/processes.ts";

const run = promisify(execFile);

let ctx: TestContext;
let other: ServerProcess | null = null;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => {
  await other?.stop();
  other = null;
  await ctx.close();
});

function databaseUrl(): string {
  return `file:${join(ctx.dir, "tenure.db")}`;
}

async function accountId(externalId: string): Promise<string> {
  const row = await ctx.client.execute({ sql: "SELECT id FROM accounts WHERE external_id = ?", args: [externalId] });
  return String(row.rows[0]!.id);
}

async function bootstrap(token: string): Promise<{ entitlement: { accessEndsAt: number } }> {
  const res = await ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken: token }),
  });
  expect(res.status, await res.clone().text()).toBe(200);
  return res.json() as Promise<{ entitlement: { accessEndsAt: number } }>;
}

describe("changes announced by the services that write", () => {
  it("announces a committed write at once in the writing process, and a rejected one not at all", async () => {
    const seen: ChangeEvent[] = [];
    onChange(ctx.db, (event) => seen.push(event));
    const id = await accountId("acme");
    const tenantBefore = tenantVersion(ctx.db, ctx.tenant.tenantId);
    const accountBefore = accountVersion(ctx.db, ctx.tenant.tenantId, id);

    const fingerprint = await dbFingerprint(ctx);
    const refused = await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", days: -1, reason: "no" } });
    expect(refused.status, await refused.text()).toBe(400);
    expect(seen).toEqual([]);
    expect(await dbFingerprint(ctx)).toBe(fingerprint);

    const granted = await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", days: 3, reason: "outage" } });
    expect(granted.status, await granted.text()).toBe(201);
    expect(seen).toEqual([{ tenantId: ctx.tenant.tenantId, accountId: id, origin: "local" }]);
    expect(tenantVersion(ctx.db, ctx.tenant.tenantId)).not.toBe(tenantBefore);
    expect(accountVersion(ctx.db, ctx.tenant.tenantId, id)).not.toBe(accountBefore);
    const row = await ctx.client.execute({ sql: "SELECT version, tenant_id FROM change_versions WHERE key = ?", args: [id] });
    expect(row.rows[0]).toMatchObject({ tenant_id: ctx.tenant.tenantId });
  });

  it("keeps one account's version still when another account or only usage changes, and moves all of them for settings", async () => {
    await seedAccount(ctx, "beta", { name: "Beta", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" });
    // Many seats: one active user does not reach first value (which would be a change).
    await seedAccount(ctx, "big", { name: "Big", timezone: "UTC" }, { seats: 100, startDate: "2026-01-01", endDate: "2026-12-31" });
    const acme = await accountId("big");
    const before = accountVersion(ctx.db, ctx.tenant.tenantId, acme);
    const grant = await ctx.call("POST", "/v1/accounts/beta/grants", { body: { type: "seats", seats: 1, reason: "gift" } });
    expect(grant.status, await grant.text()).toBe(201);
    const events = await ctx.call("POST", "/v1/events", { body: { events: [{ id: "e1", accountId: "big", userId: "u1", name: "session" }] } });
    expect(events.status, await events.text()).toBe(202);
    expect(accountVersion(ctx.db, ctx.tenant.tenantId, acme)).toBe(before);
    const patched = await ctx.call("PATCH", "/v1/settings", { body: { productName: "Planboard" } });
    expect(patched.status, await patched.text()).toBe(200);
    expect(accountVersion(ctx.db, ctx.tenant.tenantId, acme)).not.toBe(before);
  });

  it("finds other processes' changes through the seq index", async () => {
    const plan = await ctx.client.execute("EXPLAIN QUERY PLAN SELECT * FROM change_versions WHERE seq > 5 ORDER BY seq LIMIT 1000");
    expect(plan.rows.map((row) => String(row.detail)).join("\n")).toContain("change_versions_seq_idx");
  });
});

describe("two processes on one database file", () => {
  it("shows a write made by another process in this one's onChange and cached bootstrap after one watcher poll", async () => {
    const watcher = changeWatcher(ctx.db);
    await watcher.poll(); // notes where the table stands
    const token = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
    const before = await bootstrap(token); // remembered by this process (and takes a seat: a local change)
    expect(before.entitlement.accessEndsAt).toBe(Date.parse("2026-12-31T16:00:00.000Z"));
    const seen: ChangeEvent[] = [];
    onChange(ctx.db, (event) => seen.push(event));

    other = await spawnServer(databaseUrl());
    const res = await fetch(`${other.url}/v1/accounts/acme/grants`, {
      method: "POST",
      headers: { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "time", days: 10, reason: "from the other process" }),
    });
    expect(res.status, await res.text()).toBe(201);

    await watcher.poll();
    expect(seen).toEqual([{ tenantId: ctx.tenant.tenantId, accountId: await accountId("acme"), origin: "remote" }]);
    const after = await bootstrap(token);
    expect(after.entitlement.accessEndsAt).toBe(Date.parse("2027-01-10T16:00:00.000Z"));
  });

  it("with the watcher running, refuses a key here within a second or so of the CLI rotating it elsewhere", async () => {
    const stop = await startChangeWatcher(ctx.db, { intervalMs: 200 });
    try {
      const first = await ctx.call("GET", "/v1/accounts/acme/entitlement");
      expect(first.status, await first.text()).toBe(200);
      const rotated = await run(
        process.execPath,
        ["--import", "tsx", "server/cli.ts", "tenant", "rotate-key", "--tenant", ctx.tenant.tenantId, "--kind", "secret"],
        {
          env: { ...process.env, DATABASE_URL: databaseUrl() },
        },
      );
      const { key } = JSON.parse(rotated.stdout) as { key: string };
      await vi.waitFor(
        async () => {
          const res = await ctx.call("GET", "/v1/accounts/acme/entitlement");
          expect(res.status).toBe(401);
        },
        { timeout: 5_000, interval: 100 },
      );
      const fresh = await ctx.call("GET", "/v1/accounts/acme/entitlement", { key });
      expect(fresh.status, await fresh.text()).toBe(200);
    } finally {
      await stop();
    }
  });
});
