/**
 * The demo vendor ("Planboard") as a Tenure tenant in the database the demo runs on: found
 * again there by its billing page, or created — as the CLI would — when the database has
 * none. Its keys live only in that database (hashed, the identity secret sealed): each start
 * issues this run's API keys and keeps them in memory, so no file ever holds them.
 */
import { existsSync, rmSync } from "node:fs";
import { resolve } from "node:path";
import type { Db } from "../server/db/client.ts";
import { createTenant } from "../server/services/tenants/create-tenant.ts";
import { rotateKey } from "../server/services/tenants/rotate-key.ts";
import { openIdentitySecret } from "../server/services/tenants/secrets.ts";
import { readSettings } from "../server/services/tenants/settings.ts";

export interface DemoTenant {
  tenantId: string;
  publishableKey: string;
  secretKey: string;
  identitySecret: string;
}

/** Earlier demos kept the keys in this file, in plain text; it is removed on sight. */
const OLD_KEY_FILE = resolve(process.cwd(), "data/demo-tenant.json");

export async function ensureDemoTenant(db: Db, options: { origins: string[]; baseUrl: string }): Promise<DemoTenant> {
  if (existsSync(OLD_KEY_FILE)) {
    rmSync(OLD_KEY_FILE);
    console.error(`Tenure demo: removed ${OLD_KEY_FILE} (plain-text keys); the demo tenant's keys now live only in the database.`);
  }
  const renewalUrl = `${options.baseUrl}/demo/billing?account={accountId}`;
  const known = (await db.query.tenants.findMany()).find((row) => row.name === "Planboard" && readSettings(row.settings).renewalUrl === renewalUrl);
  if (known) {
    const now = Date.now();
    const secret = await rotateKey(db, { tenantId: known.id, kind: "secret", now });
    const publishable = await rotateKey(db, { tenantId: known.id, kind: "publishable", now });
    return {
      tenantId: known.id,
      publishableKey: publishable.key,
      secretKey: secret.key,
      identitySecret: await openIdentitySecret(db, known.id, known.identitySecret),
    };
  }
  const created = await createTenant(db, {
    name: "Planboard",
    origins: options.origins,
    now: Date.now(),
    settings: {
      productName: "Planboard",
      accentColor: "#0f766e",
      renewalUrl,
      renewalRoles: ["admin", "member"],
      supportEmail: "billing@planboard.example",
    },
  });
  return {
    tenantId: created.tenantId,
    publishableKey: created.publishableKey,
    secretKey: created.secretKey,
    identitySecret: created.identitySecret,
  };
}
