import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { createLocalJWKSet, decodeProtectedHeader, jwtVerify } from "jose";
import type { JSONWebKeySet } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const run = promisify(execFile);
let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
  await ctx.call("PUT", "/v1/plans/Team", {
    body: { name: "Team", features: { sso: { type: "boolean" }, exports: { type: "metered", limit: 5, event: "export", period: "month" } } },
  });
  await seedAccount(
    ctx,
    "acme",
    { name: "Acme", timezone: "Asia/Shanghai" },
    { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31", plan: "Team", graceHours: 72 },
  );
});
afterEach(async () => ctx.close());

async function jwks(tenantId = ctx.tenant.tenantId): Promise<JSONWebKeySet> {
  const res = await ctx.call("GET", `/v1/tenants/${tenantId}/jwks.json`, { key: null });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as JSONWebKeySet;
}

async function token(): Promise<string> {
  const res = await ctx.call("GET", "/v1/accounts/acme/entitlement/token");
  const body = await res.json();
  expect(res.status, JSON.stringify(body)).toBe(200);
  return body.entitlementToken as string;
}

async function verify(jws: string, options: { audience?: string; at?: number; set?: JSONWebKeySet } = {}) {
  const set = options.set ?? (await jwks());
  return jwtVerify(jws, createLocalJWKSet(set), {
    issuer: "http://localhost",
    audience: options.audience ?? ctx.tenant.tenantId,
    algorithms: ["EdDSA"],
    currentDate: new Date(options.at ?? ctx.clock.now),
  });
}

describe("signed entitlement", () => {
  it("carries the entitlement as instants, signed EdDSA with a kid, verifiable offline with jose against the JWKS", async () => {
    const jws = await token();
    const header = decodeProtectedHeader(jws);
    expect(header).toMatchObject({ alg: "EdDSA", kid: expect.stringMatching(/^sig_/) });
    const { payload } = await verify(jws);
    expect(Object.keys(payload).sort()).toEqual([
      "accessEndsAt",
      "aud",
      "contractEndsAt",
      "exp",
      "features",
      "graceEndsAt",
      "iat",
      "iss",
      "lockMode",
      "seats",
      "sub",
    ]);
    expect(payload).toMatchObject({
      iss: "http://localhost",
      aud: ctx.tenant.tenantId,
      sub: "acme",
      iat: ctx.clock.now / 1000,
      exp: ctx.clock.now / 1000 + 3600,
      contractEndsAt: "2026-12-31T16:00:00.000Z",
      accessEndsAt: "2026-12-31T16:00:00.000Z",
      graceEndsAt: "2027-01-03T16:00:00.000Z",
      lockMode: "soft",
      features: { sso: { enabled: true }, exports: { enabled: true, limit: 5, used: 0, remaining: 5, resetsAt: "2026-11-30T16:00:00.000Z" } },
      seats: { purchased: 10, licensed: 10, used: 0, policy: "allow" },
    });
    // Expired by its own TTL, whatever the contract says.
    await expect(verify(jws, { at: ctx.clock.now + 3600_000 })).rejects.toThrow(/exp/);
  });

  it("is rejected for another tenant's audience and by another tenant's keys", async () => {
    const other = await ctx.createTenant("Other SaaS");
    const jws = await token();
    await expect(verify(jws, { audience: other.tenantId })).rejects.toThrow(/aud/);
    await ctx.call("PUT", "/v1/accounts/x", { key: other.secretKey, body: { name: "X", timezone: "UTC" } });
    await ctx.call("PUT", "/v1/accounts/x/contract", { key: other.secretKey, body: { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" } });
    await ctx.call("GET", "/v1/accounts/x/entitlement/token", { key: other.secretKey });
    await expect(verify(jws, { set: await jwks(other.tenantId) })).rejects.toThrow();
  });

  it("serves the JWKS publicly and cacheably, and answers 404 for an unknown tenant", async () => {
    await token();
    const res = await ctx.call("GET", `/v1/tenants/${ctx.tenant.tenantId}/jwks.json`, { key: null });
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    const set = (await res.json()) as { keys: Array<Record<string, string>> };
    expect(set.keys).toEqual([{ kty: "OKP", crv: "Ed25519", x: expect.any(String), kid: expect.stringMatching(/^sig_/), alg: "EdDSA", use: "sig" }]);
    for (const id of ["ten_unknown", "nope", "ten_%2E%2E"]) {
      const missing = await ctx.call("GET", `/v1/tenants/${id}/jwks.json`, { key: null });
      expect(missing.status, id).toBe(404);
      expect((await missing.json()).error.code).toBe("not_found");
    }
  });

  it("stores the private key sealed, never in the clear", async () => {
    await token();
    const rows = await ctx.client.execute("SELECT private_sealed FROM signing_keys");
    expect(rows.rows).toHaveLength(1);
    const sealed = String(rows.rows[0]!.private_sealed);
    expect(sealed).toMatch(/^tsb1\./);
    expect(sealed).not.toContain('"d"');
    expect(readFileSync(join(ctx.dir, "tenure.db")).includes(Buffer.from('"d":"'))).toBe(false);
  });

  it("comes with the widget bootstrap", async () => {
    const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "member", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
    const res = await ctx.app.request("/v1/widget/bootstrap", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
    });
    const body = await res.json();
    const { payload } = await verify(body.entitlementToken);
    expect(payload.sub).toBe("acme");
    expect(body.features.sso).toEqual({ enabled: true });
  });

  it("survives key rotation: old tokens verify until they expire, new ones carry the new kid", async () => {
    // The CLI runs on the real clock.
    ctx.clock.now = Date.now();
    const before = await token();
    const oldKid = decodeProtectedHeader(before).kid;
    const dbUrl = `file:${join(ctx.dir, "tenure.db")}`;
    const { stdout } = await run(
      process.execPath,
      ["--import", "tsx", "server/cli.ts", "tenant", "rotate-key", "--tenant", ctx.tenant.tenantId, "--kind", "signing"],
      { env: { ...process.env, DATABASE_URL: dbUrl } },
    );
    const rotated = JSON.parse(stdout);
    expect(rotated).toMatchObject({ tenantId: ctx.tenant.tenantId, kind: "signing", kid: expect.stringMatching(/^sig_/), retired: 1 });
    ctx.clock.now += 60_000;
    const after = await token();
    expect(decodeProtectedHeader(after).kid).toBe(rotated.kid);
    const set = await jwks();
    expect(set.keys.map((k) => k.kid).sort()).toEqual([oldKid, rotated.kid].sort());
    await verify(before);
    await verify(after);
    // One token lifetime after the rotation, the old key has left the set.
    ctx.clock.now += 3600_000;
    expect((await jwks()).keys.map((k) => k.kid)).toEqual([rotated.kid]);
  });
});
