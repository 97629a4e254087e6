/**
 * The demo vendor ("Planboard") as a Tenure tenant: found again by its keys in
 * ./data/demo-tenant.json (git-ignored), or created — as the CLI would — when missing or
 * when the database no longer knows it.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Hono } from "hono";
import type { Db } from "../server/db/client.ts";
import type { AppEnv } from "../server/env.ts";
import { createTenant } from "../server/services/tenants/create-tenant.ts";

export interface DemoTenant {
  tenantId: string;
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

type Stored = Record<string, DemoTenant>;

function readStored(file: string): Stored {
  try {
    return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Stored) : {};
  } catch {
    return {};
  }
}

/** Whether the database still accepts this secret key (a 401 means the tenant is gone). */
async function stillValid(app: Hono<AppEnv>, tenant: DemoTenant): Promise<boolean> {
  const res = await app.request("/v1/accounts/acme-robotics", { headers: { Authorization: `Bearer ${tenant.secretKey}` } });
  return res.status !== 401;
}

export async function ensureDemoTenant(
  app: Hono<AppEnv>,
  db: Db,
  options: { file: string; key: string; origins: string[]; baseUrl: string },
): Promise<DemoTenant> {
  const stored = readStored(options.file);
  const known = stored[options.key];
  if (known && (await stillValid(app, known))) return known;
  const created = await createTenant(db, {
    name: "Planboard",
    origins: options.origins,
    now: Date.now(),
    settings: {
      productName: "Planboard",
      accentColor: "#0f766e",
      renewalUrl: `${options.baseUrl}/demo/billing?account={accountId}`,
      renewalRoles: ["admin", "member"],
      supportEmail: "billing@planboard.example",
    },
  });
  const tenant: DemoTenant = {
    tenantId: created.tenantId,
    publishableKey: created.publishableKey,
    secretKey: created.secretKey,
    identitySecret: created.identitySecret,
  };
  mkdirSync(dirname(options.file), { recursive: true });
  writeFileSync(options.file, JSON.stringify({ ...stored, [options.key]: tenant }, null, 2) + "\n");
  return tenant;
}
