import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { openDatabase } from "../../server/node.ts";
import { COMMANDS } from "../../server/cli/commands.ts";
import { signUserToken } from "../../server/lib/jwt.ts";

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

// Every case starts the CLI as a real process (several at once); on a loaded machine that takes a while.
describe("npm run tenure -- tenant …", { timeout: 240_000 }, () => {
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

  it("prints help for every command with --help, and the overview for a group or none", async () => {
    const runs = await Promise.all(COMMANDS.map((command) => tenure(...command.name.split(" "), "--help")));
    runs.forEach((result, index) => {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`usage: npm run tenure -- ${COMMANDS[index]!.usage}`);
    });
    const [top, group, unknown] = await Promise.all([tenure("--help"), tenure("tenant", "--help"), tenure("tenant", "bogus")]);
    expect(top.code).toBe(0);
    for (const command of COMMANDS) expect(top.stdout).toContain(command.name);
    expect(group.stdout).toContain("tenant update");
    expect(group.stdout).not.toContain("staff add");
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("unknown command tenant bogus");
  });

  it("replaces a tenant's allowed origins with tenant update, and clears them with --any-origin", async () => {
    const created = JSON.parse((await tenure("tenant", "create", "--name", "Origins", "--origin", "https://old.example.com")).stdout) as Record<string, string>;
    const updated = await tenure(
      "tenant",
      "update",
      "--tenant",
      created.tenantId!,
      "--origin",
      "https://app.example.com/",
      "--origin",
      "http://localhost:5173",
    );
    expect(updated.code, updated.stderr).toBe(0);
    expect(JSON.parse(updated.stdout)).toMatchObject({ tenantId: created.tenantId, origins: ["https://app.example.com", "http://localhost:5173"] });
    const { client, db } = await openDatabase(databaseUrl);
    const app = createApp({ db, clock: Date.now });
    const userToken = await signUserToken({ sub: "u1", acct: "x", role: "admin", exp: Math.floor(Date.now() / 1000) + 600 }, created.identitySecret!);
    const from = async (origin: string): Promise<Response> =>
      app.request("/v1/widget/bootstrap", {
        method: "POST",
        headers: { origin, "content-type": "text/plain" },
        body: JSON.stringify({ publishableKey: created.publishableKey, userToken }),
      });
    expect((await from("https://old.example.com")).status).toBe(403);
    // Allowed, then the account is unknown: past the origin check.
    expect((await from("http://localhost:5173")).status).toBe(404);
    client.close();

    const cleared = await tenure("tenant", "update", "--tenant", created.tenantId!, "--any-origin");
    expect(JSON.parse(cleared.stdout)).toMatchObject({ origins: [] });
    const [nothing, both, badOrigin, noTenant] = await Promise.all([
      tenure("tenant", "update", "--tenant", created.tenantId!),
      tenure("tenant", "update", "--tenant", created.tenantId!, "--any-origin", "--origin", "https://a.com"),
      tenure("tenant", "update", "--tenant", created.tenantId!, "--origin", "https://a.com/path"),
      tenure("tenant", "update", "--tenant", "ten_nobody", "--any-origin"),
    ]);
    expect([nothing.code, both.code, badOrigin.code]).toEqual([2, 2, 2]);
    expect(noTenant.code).toBe(1);
    expect(noTenant.stderr).toContain("no tenant ten_nobody");
  });

  it("rotates the identity secret with a configurable overlap", async () => {
    const created = JSON.parse((await tenure("tenant", "create", "--name", "Rotating")).stdout) as Record<string, string>;
    const before = Date.now();
    const rotated = await tenure("tenant", "rotate-key", "--tenant", created.tenantId!, "--kind", "identity", "--overlap-hours", "2");
    expect(rotated.code, rotated.stderr).toBe(0);
    const answer = JSON.parse(rotated.stdout) as { identitySecret: string; previousValidUntil: string; kind: string };
    expect(answer.kind).toBe("identity");
    expect(answer.identitySecret).toMatch(/^tis_/);
    const until = Date.parse(answer.previousValidUntil);
    expect(until).toBeGreaterThanOrEqual(before + 2 * 3_600_000);
    expect(until).toBeLessThanOrEqual(Date.now() + 2 * 3_600_000);
    const bad = await tenure("tenant", "rotate-key", "--tenant", created.tenantId!, "--kind", "identity", "--overlap-hours", "-3");
    expect(bad.code).toBe(2);
  });
});
