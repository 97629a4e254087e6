import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { openDatabase } from "../../server/node.ts";

const run = promisify(execFile);
const dir = mkdtempSync(join(tmpdir(), "tenure-cli-"));
const databaseUrl = `file:${join(dir, "cli.db")}`;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function tenure(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ["--import", "tsx", "server/cli.ts", ...args], {
      env: { ...process.env, DATABASE_URL: databaseUrl },
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failed = error as { stdout: string; stderr: string; code: number };
    return { stdout: failed.stdout, stderr: failed.stderr, code: failed.code };
  }
}

describe("npm run tenure -- tenant …", () => {
  it("creates a tenant, prints its keys once as one JSON line, and stores the secret key hashed", async () => {
    const { stdout, code } = await tenure("tenant", "create", "--name", "Acme SaaS", "--origin", "https://app.acme.com/", "--origin", "http://localhost:3000");
    expect(code).toBe(0);
    expect(stdout.trim().split("\n")).toHaveLength(1);
    const created = JSON.parse(stdout) as Record<string, string>;
    expect(created.tenantId).toMatch(/^ten_/);
    expect(created.publishableKey).toMatch(/^pk_/);
    expect(created.secretKey).toMatch(/^sk_/);
    expect(created.identitySecret).toMatch(/^tis_/);
    expect(created.origins).toEqual(["https://app.acme.com", "http://localhost:3000"]);

    const { client, db } = await openDatabase(databaseUrl);
    const stored = await client.execute("SELECT hash, hint FROM api_keys");
    expect(JSON.stringify(stored.rows)).not.toContain(created.secretKey!);
    const app = createApp({ db, clock: Date.now });
    const res = await app.request("/v1/accounts/x", {
      method: "PUT",
      headers: { authorization: `Bearer ${created.secretKey}`, "content-type": "application/json" },
      body: JSON.stringify({ name: "X", timezone: "UTC" }),
    });
    expect(res.status, await res.text()).toBe(201);
    client.close();

    const listed = await tenure("tenant", "list");
    expect(listed.stdout).toContain(created.tenantId);
    expect(listed.stdout).not.toContain(created.secretKey);

    const rotated = await tenure("tenant", "rotate-key", "--tenant", created.tenantId!, "--kind", "secret");
    const { key, revoked } = JSON.parse(rotated.stdout) as { key: string; revoked: number };
    expect(key).toMatch(/^sk_/);
    expect(revoked).toBe(1);
  });

  it("refuses a create without a name and an origin with a path", async () => {
    expect((await tenure("tenant", "create")).code).toBe(2);
    const bad = await tenure("tenant", "create", "--name", "X", "--origin", "https://a.com/app");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("must be an origin");
  });
});
