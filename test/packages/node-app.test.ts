import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startNodeServer } from "../../server/node.ts";
import type { NodeServer } from "../../server/node.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import { installFixture, removeFixture } from "./support/install.ts";

const run = promisify(execFile);

describe("@tenure/node installed from its tarball into a vendor's Node script", () => {
  let dir: string;
  let app: string;
  let server: NodeServer;
  let env: Record<string, string>;

  beforeAll(async () => {
    app = installFixture("node-app", ["node"]);
    dir = mkdtempSync(join(tmpdir(), "tenure-sdk-"));
    // Deliveries go to the script's receiver on 127.0.0.1; the scheduler ticks quickly.
    server = await startNodeServer({ port: 0, databaseUrl: "file:" + join(dir, "tenure.db"), allowPrivateWebhookTargets: true, tickIntervalMs: 100 });
    const tenant = await createTenant(server.db, { name: "Fixture SaaS", origins: [], now: Date.now() });
    env = {
      PATH: process.env.PATH ?? "",
      TENURE_URL: server.url,
      TENURE_SECRET_KEY: tenant.secretKey,
      TENURE_PUBLISHABLE_KEY: tenant.publishableKey,
      TENURE_IDENTITY_SECRET: tenant.identitySecret,
    };
  });

  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
    if (app) removeFixture(app);
  });

  it("ships its code and declarations, with no dependency left to fetch", () => {
    const manifest = JSON.parse(readFileSync(join(app, "node_modules/@tenure/node/package.json"), "utf8")) as Record<string, unknown>;
    expect(manifest.dependencies).toBeUndefined();
    const types = readFileSync(join(app, "node_modules/@tenure/node/dist/types/sdk/src/index.d.ts"), "utf8");
    expect(types).toContain("mintUserToken");
    expect(types).toContain("createTenureClient");
  });

  it("mints a token the widget accepts, calls the API through the typed client, and verifies a real delivery", async () => {
    const { stdout } = await run(process.execPath, ["main.mjs"], { cwd: app, env, timeout: 30_000 });
    const result = JSON.parse(stdout.trim().split("\n").pop()!) as Record<string, unknown>;
    expect(result, stdout).toMatchObject({
      accountStatus: 201,
      contractStatus: 201,
      entitlement: { state: "active", contractEndsAt: "2026-12-31T16:00:00.000Z" },
      missing: { status: 404, code: "not_found" },
      bootstrapStatus: 200,
      endpointStatus: 201,
      grantStatus: 201,
      delivery: { type: "grant.created", accountId: "fixture-co", tamperedRejected: true },
    });
  });
});
