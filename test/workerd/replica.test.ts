/**
 * Reads near users on Node: two Node servers, each on its own embedded replica (a local libSQL
 * file with `DATABASE_SYNC_URL`) of one real sqld primary, as two regions would run against
 * Turso. Writes go to the primary; the writer reads its own writes at once; the other server
 * reads them from its own file after its next pull, and keeps answering reads from that file
 * when the primary is gone.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import type { Client } from "@libsql/client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, startNodeServer } from "../../server/node.ts";
import type { NodeServer } from "../../server/node.ts";
import { generateEncryptionKey } from "../../server/lib/secret-box.ts";
import { ACCOUNT_CACHE_TTL_MS } from "../../server/services/entitlement/account-cache.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import { startSqld } from "./sqld.ts";
import type { Sqld } from "./sqld.ts";

let scratch: string;
let sqld: Sqld | undefined;
let primary: Client | undefined;
let writer: NodeServer | undefined;
let reader: NodeServer | undefined;
let tenant: CreatedTenant;
const savedKey = process.env.TENURE_ENCRYPTION_KEY;

async function call(server: NodeServer, method: string, path: string, body?: unknown): Promise<Response> {
  return fetch(`${server.url}${path}`, {
    method,
    headers: { authorization: `Bearer ${tenant.secretKey}`, ...(body === undefined ? {} : { "content-type": "application/json" }) },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    signal: AbortSignal.timeout(20_000),
  });
}

async function scalar(query: string, args: string[]): Promise<number> {
  return Number((await primary!.execute({ sql: query, args })).rows[0]?.[0] ?? 0);
}

beforeAll(async () => {
  scratch = mkdtempSync(join(tmpdir(), "tenure-replica-"));
  // Every server seals and opens secrets with the same key, as every region must.
  process.env.TENURE_ENCRYPTION_KEY = generateEncryptionKey();
  sqld = await startSqld();
  primary = createClient({ url: sqld.url });
  const options = { port: 0, tickIntervalMs: 0, databaseSyncUrl: sqld.url } as const;
  writer = await startNodeServer({ ...options, databaseUrl: `file:${join(scratch, "writer.db")}` });
  reader = await startNodeServer({ ...options, databaseUrl: `file:${join(scratch, "reader.db")}` });
  tenant = await createTenant(writer.db, { name: "Replica Vendor", origins: [], now: Date.now() });
}, 60_000);

afterAll(async () => {
  await writer?.close().catch((error: unknown) => console.warn("writer close:", error));
  await reader?.close().catch((error: unknown) => console.warn("reader close:", error));
  primary?.close();
  await sqld?.stop();
  if (savedKey === undefined) delete process.env.TENURE_ENCRYPTION_KEY;
  else process.env.TENURE_ENCRYPTION_KEY = savedKey;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
}, 30_000);

describe("Node on embedded replicas of one libSQL primary", { timeout: 60_000 }, () => {
  it("writes through the replica to the primary, and the writer reads its own writes at once", async () => {
    // The tenant was created through the writer's replica: the primary holds it.
    expect(await scalar("SELECT count(*) FROM tenants WHERE id = ?", [tenant.tenantId])).toBe(1);
    const account = await call(writer!, "PUT", "/v1/accounts/acme-cn", { name: "Acme China", timezone: "Asia/Shanghai" });
    expect(account.status, await account.text()).toBe(201);
    const contract = await call(writer!, "PUT", "/v1/accounts/acme-cn/contract", { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
    expect(contract.status, await contract.text()).toBe(201);
    expect(await scalar("SELECT count(*) FROM accounts WHERE tenant_id = ?", [tenant.tenantId])).toBe(1);
    // Read-your-writes: no wait for a pull.
    const entitlement = await call(writer!, "GET", "/v1/accounts/acme-cn/entitlement");
    const text = await entitlement.text();
    expect(entitlement.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ contractEndsAt: "2026-12-31T16:00:00.000Z", seats: { licensed: 10 } });
  });

  it("shows the writer's writes to the other server after its next pull, then serves them from its own file", async () => {
    let answer: Response | undefined;
    for (let attempt = 0; attempt < 100; attempt++) {
      answer = await call(reader!, "GET", "/v1/accounts/acme-cn/entitlement");
      if (answer.status === 200) break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(answer!.status, await answer!.clone().text()).toBe(200);
    // A later write: one pull (1 s) plus the reader's change watcher (1 s) bound what it misses.
    const grant = await call(writer!, "POST", "/v1/accounts/acme-cn/grants", { type: "time", days: 7, reason: "migration delay" });
    expect(grant.status, await grant.text()).toBe(201);
    const written = Date.now();
    let seen = "";
    while (Date.now() - written < 10_000) {
      const read = await call(reader!, "GET", "/v1/accounts/acme-cn/entitlement");
      seen = ((await read.json()) as { accessEndsAt: string }).accessEndsAt;
      if (seen === "2027-01-07T16:00:00.000Z") break;
      await new Promise((done) => setTimeout(done, 100));
    }
    expect(seen).toBe("2027-01-07T16:00:00.000Z");
    // Reads are the reader's own: with the primary gone, its file still answers.
    await sqld!.stop();
    sqld = undefined;
    // Past the in-memory account copies' lifetime, so the answer is read from the file.
    await new Promise((done) => setTimeout(done, ACCOUNT_CACHE_TTL_MS + 200));
    const offline = await call(reader!, "GET", "/v1/accounts/acme-cn/entitlement?at=2026-06-01T00:00:00.000Z");
    const text = await offline.text();
    expect(offline.status, text).toBe(200);
    expect(JSON.parse(text)).toMatchObject({ state: "active", accessEndsAt: "2027-01-07T16:00:00.000Z" });
  });

  it("refuses a replica that is not a local file, or that has no shared encryption key", async () => {
    await expect(openDatabase("http://127.0.0.1:1", undefined, { syncUrl: "http://127.0.0.1:1", encryptionKey: generateEncryptionKey() })).rejects.toThrow(
      /DATABASE_URL to be the local replica file/,
    );
    const key = process.env.TENURE_ENCRYPTION_KEY;
    delete process.env.TENURE_ENCRYPTION_KEY;
    try {
      await expect(openDatabase(`file:${join(scratch, "keyless.db")}`, undefined, { syncUrl: "http://127.0.0.1:1" })).rejects.toThrow(
        /TENURE_ENCRYPTION_KEY is required with an embedded replica/,
      );
    } finally {
      process.env.TENURE_ENCRYPTION_KEY = key;
    }
  });
});
