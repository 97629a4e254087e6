import { execFile } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { openDatabase } from "../../server/node.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const run = promisify(execFile);

const STRIPE_SECRET = "sk_test_RawSecretThatMustNotBeStored42";
const STRIPE_WEBHOOK_SECRET = "whsec_RawWebhookSecretNotStored42";
const LINK_SECRET = "renewal-link-secret-that-must-not-be-stored-0123456789";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
});
afterEach(async () => ctx.close());

function dbPath(): string {
  return join(ctx.dir, "tenure.db");
}

/** The database file and its write-ahead log, as bytes a thief with a copy would have. */
function rawDatabase(): Buffer {
  const parts = [dbPath(), `${dbPath()}-wal`].filter((file) => existsSync(file)).map((file) => readFileSync(file));
  return Buffer.concat(parts);
}

async function storeEverySecret(): Promise<{ secrets: string[] }> {
  const patched = await ctx.call("PATCH", "/v1/settings", {
    body: { renewalProvider: "stripe", stripeSecretKey: STRIPE_SECRET, stripeWebhookSecret: STRIPE_WEBHOOK_SECRET, renewalLinkSecret: LINK_SECRET },
  });
  expect(patched.status, await patched.text()).toBe(200);
  const endpoint = await ctx.call("POST", "/v1/webhooks/endpoints", { body: { url: "https://93.184.215.14/tenure" } });
  const created = (await endpoint.json()) as { secret: string };
  expect(endpoint.status).toBe(201);
  expect(created.secret).toMatch(/^whsec_/);
  return {
    secrets: [ctx.tenant.identitySecret, ctx.tenant.secretKey, ctx.tenant.publishableKey, STRIPE_SECRET, STRIPE_WEBHOOK_SECRET, LINK_SECRET, created.secret],
  };
}

async function bootstrapStatus(): Promise<number> {
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" }).catch(() => undefined);
  const token = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  const res = await ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken: token }),
  });
  return res.status;
}

describe("secrets at rest", () => {
  it("keeps none of the secrets' bytes in the database file, and every one still works", async () => {
    const { secrets } = await storeEverySecret();
    const raw = rawDatabase();
    for (const secret of secrets) expect(raw.includes(Buffer.from(secret)), `${secret.slice(0, 8)}… is in the file`).toBe(false);
    expect(await bootstrapStatus()).toBe(200); // the identity secret opens to verify user tokens
    const settings = (await (await ctx.call("GET", "/v1/settings")).json()) as { stripeSecretKey: string; renewalLinkSecret: string };
    expect(settings.stripeSecretKey).toBe("sk_test_…ed42"); // the hint is made from the opened key
    expect(settings.renewalLinkSecret).toBe("set");
  });

  it("keeps the Stripe keys through a change of another setting (read, change, seal again)", async () => {
    await storeEverySecret();
    const patched = await ctx.call("PATCH", "/v1/settings", { body: { productName: "Planboard" } });
    const text = await patched.text();
    expect(patched.status, text).toBe(200);
    expect((JSON.parse(text) as { stripeWebhookSecret: string }).stripeWebhookSecret).toBe("whsec_…ed42");
  });

  it("creates the key file beside the database, readable by its owner only", () => {
    const file = `${dbPath()}.key`;
    expect(existsSync(file)).toBe(true);
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });

  it("seals secrets stored in plain text before encryption when the database is next opened", async () => {
    await ctx.client.execute({ sql: "UPDATE tenants SET identity_secret = ? WHERE id = ?", args: [ctx.tenant.identitySecret, ctx.tenant.tenantId] });
    expect(rawDatabase().includes(Buffer.from(ctx.tenant.identitySecret))).toBe(true);
    const reopened = await openDatabase(`file:${dbPath()}`, undefined, { log: () => undefined });
    expect(reopened.resealed.tenants).toBe(1);
    const row = await reopened.client.execute({ sql: "SELECT identity_secret FROM tenants WHERE id = ?", args: [ctx.tenant.tenantId] });
    reopened.client.close();
    expect(String(row.rows[0]!.identity_secret)).toMatch(/^tsb1\./);
  });

  it("re-seals everything under a new key with rotate-encryption-key, and a running server keeps working", async () => {
    await storeEverySecret();
    // An entitlement token makes the tenant's Ed25519 signing key (sealed at rest too).
    expect(await bootstrapStatus()).toBe(200);
    const tokenBefore = await ctx.call("GET", "/v1/accounts/acme/entitlement/token");
    expect(tokenBefore.status, await tokenBefore.clone().text()).toBe(200);
    const keyFile = `${dbPath()}.key`;
    const before = readFileSync(keyFile, "utf8");
    const idsBefore = await sealedKeyIds();
    const env: Record<string, string | undefined> = { ...process.env, DATABASE_URL: `file:${dbPath()}` };
    delete env.TENURE_ENCRYPTION_KEY; // the embedded default: the key file
    const { stdout } = await run(process.execPath, ["--import", "tsx", "server/cli.ts", "rotate-encryption-key"], { env });
    const answer = JSON.parse(stdout) as { rotated: boolean; keyId: string; resealed: { tenants: number; webhookEndpoints: number; signingKeys: number } };
    expect(answer).toMatchObject({ rotated: true, resealed: { tenants: 1, webhookEndpoints: 1, signingKeys: 1 } });
    const after = readFileSync(keyFile, "utf8");
    expect(after).not.toBe(before);
    expect(after.trim().split("\n")).toHaveLength(1); // the old key is gone
    expect(statSync(keyFile).mode & 0o777).toBe(0o600);
    expect(idsBefore.size).toBe(1);
    expect(await sealedKeyIds()).toEqual(new Set([answer.keyId]));
    expect(answer.keyId).not.toBe([...idsBefore][0]);
    // This process opened the database before the rotation: it reloads the key file.
    expect(await bootstrapStatus()).toBe(200);
    // The signing key opens under the new key: tokens are still signed, with the same kid.
    const tokenAfter = await ctx.call("GET", "/v1/accounts/acme/entitlement/token");
    expect(tokenAfter.status, await tokenAfter.clone().text()).toBe(200);
    const kid = async (res: Response): Promise<string> => ((await res.json()) as { kid: string }).kid;
    expect(await kid(tokenAfter)).toBe(await kid(tokenBefore));
    const raw = rawDatabase();
    expect(raw.includes(Buffer.from(STRIPE_SECRET))).toBe(false);
  });
});

/** The key ids of every sealed value stored. */
async function sealedKeyIds(): Promise<Set<string>> {
  const tenants = await ctx.client.execute("SELECT identity_secret, settings FROM tenants");
  const endpoints = await ctx.client.execute("SELECT secret FROM webhook_endpoints");
  const values: string[] = [];
  for (const row of tenants.rows) {
    values.push(String(row.identity_secret));
    const settings = JSON.parse(String(row.settings)) as Record<string, unknown>;
    for (const field of ["stripeSecretKey", "stripeWebhookSecret", "renewalLinkSecret"])
      if (typeof settings[field] === "string") values.push(settings[field] as string);
  }
  for (const row of endpoints.rows) values.push(String(row.secret));
  const signing = await ctx.client.execute("SELECT private_sealed FROM signing_keys");
  for (const row of signing.rows) values.push(String(row.private_sealed));
  for (const value of values) expect(value).toMatch(/^tsb1\./);
  return new Set(values.map((value) => value.split(".")[1]!));
}
