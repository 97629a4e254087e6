import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client } from "@libsql/client";
import type { Hono } from "hono";
import { createApp } from "../../server/app.ts";
import type { Db } from "../../server/db/client.ts";
import type { AppEnv } from "../../server/env.ts";
import { openDatabase } from "../../server/node.ts";
import { createTenant } from "../../server/services/tenants/create-tenant.ts";
import type { CreatedTenant } from "../../server/services/tenants/create-tenant.ts";
import type { TenantSettings } from "../../server/services/tenants/settings.ts";
import { checkAgainstDocument } from "./openapi-validator.ts";

/** The default test tenant's renewals: invoices, paid to these details. */
export const INVOICE_SETTINGS: Partial<TenantSettings> = {
  renewalProvider: "invoice",
  invoicePaymentInstructions: "Acme SaaS Ltd · IBAN GB29 NWBK 6016 1331 9268 19",
};

/** A real app over a real libSQL file in a temp dir, with a clock the test moves. */
export interface TestContext {
  app: Hono<AppEnv>;
  db: Db;
  client: Client;
  dir: string;
  clock: { now: number };
  tenant: CreatedTenant;
  createTenant(name: string, settings?: Partial<TenantSettings>, origins?: string[]): Promise<CreatedTenant>;
  call(method: string, path: string, options?: { key?: string | null; body?: unknown; raw?: string; headers?: Record<string, string> }): Promise<Response>;
  close(): Promise<void>;
}

export async function createTestContext(options: { now?: string; settings?: Partial<TenantSettings> } = {}): Promise<TestContext> {
  const dir = mkdtempSync(join(tmpdir(), "tenure-test-"));
  const { client, db } = await openDatabase(`file:${join(dir, "tenure.db")}`, undefined, { log: () => undefined });
  const clock = { now: Date.parse(options.now ?? "2026-11-21T08:00:00.000Z") };
  const app = createApp({ db, clock: () => clock.now });
  const makeTenant = (name: string, settings?: Partial<TenantSettings>, origins: string[] = []): Promise<CreatedTenant> =>
    createTenant(db, { name, origins, now: clock.now, ...(settings ? { settings } : {}) });
  // Renewals by invoice unless the test says otherwise (an invoice needs its payment details).
  const tenant = await makeTenant("Acme SaaS", { ...INVOICE_SETTINGS, ...options.settings });
  return {
    app,
    db,
    client,
    dir,
    clock,
    tenant,
    createTenant: makeTenant,
    async call(method, path, { key = tenant.secretKey, body, raw, headers = {} } = {}) {
      const init: RequestInit = { method, headers: { ...headers } };
      if (key) (init.headers as Record<string, string>).authorization = `Bearer ${key}`;
      if (raw !== undefined || body !== undefined) {
        init.body = raw ?? JSON.stringify(body);
        (init.headers as Record<string, string>)["content-type"] ??= "application/json";
      }
      const response = await app.request(path, init);
      // Every answer a test receives is checked against the OpenAPI document.
      await checkAgainstDocument(method, path, response);
      return response;
    },
    async close() {
      client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Creates an account and its contract in one go. */
export async function seedAccount(
  ctx: TestContext,
  id: string,
  account: Record<string, unknown>,
  contract: Record<string, unknown>,
  key = ctx.tenant.secretKey,
): Promise<void> {
  const a = await ctx.call("PUT", `/v1/accounts/${id}`, { key, body: account });
  if (a.status >= 300) throw new Error(`seed account ${id}: ${a.status} ${await a.text()}`);
  const c = await ctx.call("PUT", `/v1/accounts/${id}/contract`, { key, body: contract });
  if (c.status >= 300) throw new Error(`seed contract ${id}: ${c.status} ${await c.text()}`);
}

/** Every row of every table, to prove a rejected request changed nothing. */
export async function dbFingerprint(ctx: TestContext): Promise<string> {
  const tables = await ctx.client.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name");
  const parts: string[] = [];
  for (const { name } of tables.rows) {
    const rows = await ctx.client.execute(`SELECT * FROM "${String(name)}" ORDER BY rowid`);
    parts.push(`${String(name)}:${JSON.stringify(rows.rows)}`);
  }
  return parts.join("\n");
}
