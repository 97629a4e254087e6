import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { signUserToken } from "../../server/lib/jwt.ts";
import { keyFilePath, readKeyFile } from "../../server/lib/key-file.ts";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "../../server/lib/secret-box.ts";
import { attachSecretBox, resealSecrets } from "../../server/services/tenants/secrets.ts";
import { rotateIdentitySecret } from "../../server/services/tenants/rotate-identity-secret.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

const HOUR = 3_600_000;
let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 5, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

/** A widget bootstrap with a token signed by `secret`, minted at the test clock's now. */
async function bootstrapWith(secret: string, app = ctx.app): Promise<Response> {
  const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(ctx.clock.now / 1000) + 600 }, secret);
  return app.request("/v1/widget/bootstrap", {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
  });
}

async function expectStatus(res: Response, status: number): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  return text;
}

describe("tenant rotate-key --kind identity", () => {
  it("accepts tokens signed with the old and the new secret during the overlap, and only the new one after it", async () => {
    const old = ctx.tenant.identitySecret;
    const rotatedAt = ctx.clock.now;
    const rotated = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 24 * HOUR, now: rotatedAt });
    expect(rotated.identitySecret).toMatch(/^tis_/);
    expect(rotated.identitySecret).not.toBe(old);
    expect(rotated.previousValidUntil).toBe(new Date(rotatedAt + 24 * HOUR).toISOString());

    for (const offset of [0, HOUR, 24 * HOUR - 1]) {
      ctx.clock.now = rotatedAt + offset;
      await expectStatus(await bootstrapWith(old), 200);
      await expectStatus(await bootstrapWith(rotated.identitySecret), 200);
    }
    ctx.clock.now = rotatedAt + 24 * HOUR;
    expect(await expectStatus(await bootstrapWith(old), 401)).toContain("bad signature");
    await expectStatus(await bootstrapWith(rotated.identitySecret), 200);
  });

  it("refuses the old secret at once with an overlap of 0, and never accepts another tenant's secret", async () => {
    const other = await ctx.createTenant("Other");
    const during = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: HOUR, now: ctx.clock.now });
    expect(await expectStatus(await bootstrapWith(other.identitySecret), 401)).toContain("bad signature");
    await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 0, now: ctx.clock.now });
    // The second rotation replaced the overlap: neither the first secret nor the one it issued still verify.
    expect(await expectStatus(await bootstrapWith(ctx.tenant.identitySecret), 401)).toContain("bad signature");
    expect(await expectStatus(await bootstrapWith(during.identitySecret), 401)).toContain("bad signature");
  });

  it("keeps only the last replaced secret in its overlap", async () => {
    const first = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 24 * HOUR, now: ctx.clock.now });
    const second = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 24 * HOUR, now: ctx.clock.now });
    await expectStatus(await bootstrapWith(ctx.tenant.identitySecret), 401);
    await expectStatus(await bootstrapWith(first.identitySecret), 200);
    await expectStatus(await bootstrapWith(second.identitySecret), 200);
  });

  it("stores both secrets sealed, never in plain text", async () => {
    const rotated = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 24 * HOUR, now: ctx.clock.now });
    const row = await ctx.client.execute({ sql: "SELECT identity_secret, previous_identity_secret FROM tenants WHERE id = ?", args: [ctx.tenant.tenantId] });
    expect(String(row.rows[0]!.identity_secret)).toMatch(/^tsb1\./);
    expect(String(row.rows[0]!.previous_identity_secret)).toMatch(/^tsb1\./);
    await ctx.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const file = readFileSync(join(ctx.dir, "tenure.db"));
    for (const secret of [ctx.tenant.identitySecret, rotated.identitySecret]) expect(file.includes(Buffer.from(secret))).toBe(false);
  });

  it("refuses a negative overlap and an unknown tenant, changing nothing", async () => {
    await expect(rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: -1, now: ctx.clock.now })).rejects.toThrow("overlap");
    await expect(rotateIdentitySecret(ctx.db, { tenantId: "ten_nobody", overlapMs: HOUR, now: ctx.clock.now })).rejects.toThrow("no tenant");
    await expectStatus(await bootstrapWith(ctx.tenant.identitySecret), 200);
  });

  it("keeps the overlap through a re-seal under a new encryption key", async () => {
    const rotated = await rotateIdentitySecret(ctx.db, { tenantId: ctx.tenant.tenantId, overlapMs: 24 * HOUR, now: ctx.clock.now });
    const stored = async (): Promise<string> =>
      String(
        (await ctx.client.execute({ sql: "SELECT previous_identity_secret FROM tenants WHERE id = ?", args: [ctx.tenant.tenantId] })).rows[0]!
          .previous_identity_secret,
      );
    const before = await stored();
    const oldKeys = readKeyFile(keyFilePath(join(ctx.dir, "tenure.db")));
    attachSecretBox(ctx.db, await createSecretBox(parseKeyRing([generateEncryptionKey(), ...oldKeys].join(","))));
    expect((await resealSecrets(ctx.db)).tenants).toBeGreaterThanOrEqual(1);
    expect(await stored()).not.toBe(before);
    ctx.clock.now += HOUR;
    // A fresh app: its key cache opens the secrets as re-sealed.
    const fresh = createApp({ db: ctx.db, clock: () => ctx.clock.now });
    await expectStatus(await bootstrapWith(ctx.tenant.identitySecret, fresh), 200);
    await expectStatus(await bootstrapWith(rotated.identitySecret, fresh), 200);
  });
});
