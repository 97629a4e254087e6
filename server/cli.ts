/**
 * `npm run tenure -- <command>`: tenant administration on the database named by
 * DATABASE_URL. Every command prints one JSON line.
 *
 *   tenant create --name NAME [--origin URL]…   keys and identity secret, shown once
 *   tenant list                                 tenants with key hints
 *   tenant rotate-key --tenant ID --kind secret|publishable|signing
 *   rotate-encryption-key                       re-seals every stored secret under a new key
 *   staff add --tenant ID --email E --role owner|finance|csm|viewer   one-time console sign-in link (15 min)
 *   staff link --tenant ID --email E                                 a new sign-in link
 */
import { parseArgs } from "node:util";
import { parseConfig } from "./config.ts";
import { resolve } from "node:path";
import { keyFilePath, loadOrCreateKeyFile, writeKeyFile } from "./lib/key-file.ts";
import { generateEncryptionKey, parseKeyRing } from "./lib/secret-box.ts";
import { openDatabase } from "./node.ts";
import type { Config } from "./config.ts";
import { createTenant } from "./services/tenants/create-tenant.ts";
import { listTenants } from "./services/tenants/list-tenants.ts";
import { rotateKey } from "./services/tenants/rotate-key.ts";
import { secretBoxOf } from "./services/tenants/secrets.ts";
import type { Db } from "./db/client.ts";

function secretKeyId(db: Db): string {
  return secretBoxOf(db).keyId;
}
import { rotateSigningKey } from "./services/signing/signing-keys.ts";
import { staffCommand } from "./services/staff/cli-commands.ts";

const USAGE = `usage:
  npm run tenure -- tenant create --name NAME [--origin URL]...
  npm run tenure -- tenant list
  npm run tenure -- tenant rotate-key --tenant ten_... --kind secret|publishable|signing
  npm run tenure -- rotate-encryption-key
  npm run tenure -- staff add --tenant ten_... --email E --role owner|finance|csm|viewer
  npm run tenure -- staff link --tenant ten_... --email E`;

function fail(message: string): never {
  console.error(`${message}\n\n${USAGE}`);
  process.exit(2);
}

/** `https://app.example.com/` → `https://app.example.com`; anything that is not an http(s) origin fails. */
export function normalizeOrigin(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    fail(`--origin ${text} is not a URL`);
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") fail(`--origin ${text} must be http(s)`);
  if (url.pathname !== "/" || url.search || url.hash) fail(`--origin ${text} must be an origin, without a path`);
  return url.origin;
}

/**
 * Re-seals every stored secret under a new key. With the key file (the embedded default) it
 * is all done here: the file first holds the new key and the old one (so every process can
 * open both while it runs), every secret is re-sealed in one batch, then the old key is
 * dropped; running servers pick the new file up by themselves. With TENURE_ENCRYPTION_KEY the
 * operator puts the new key first (`new,old`) on every process, runs this, then drops `old`.
 */
async function rotateEncryptionKey(config: Config): Promise<Record<string, unknown>> {
  if (config.TENURE_ENCRYPTION_KEY) {
    if (parseKeyRing(config.TENURE_ENCRYPTION_KEY).length < 2) {
      fail("with TENURE_ENCRYPTION_KEY, set TENURE_ENCRYPTION_KEY=<new>,<old> on every process first (a new key: openssl rand -base64 32), run this, then drop <old>");
    }
    const { client, resealed, db } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN, { encryptionKey: config.TENURE_ENCRYPTION_KEY });
    client.close();
    return { rotated: true, keySource: "TENURE_ENCRYPTION_KEY", keyId: secretKeyId(db), resealed };
  }
  if (!config.DATABASE_URL.startsWith("file:")) fail("a remote database needs TENURE_ENCRYPTION_KEY");
  const file = keyFilePath(resolve(config.DATABASE_URL.slice("file:".length)));
  const old = loadOrCreateKeyFile(file).keys;
  writeKeyFile(file, [generateEncryptionKey(), ...old]);
  const { client, resealed, db } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  client.close();
  writeKeyFile(file, [loadOrCreateKeyFile(file).keys[0]!]);
  return { rotated: true, keySource: `key file ${file}`, keyId: secretKeyId(db), resealed };
}

async function main(argv: string[]): Promise<void> {
  if (argv[0] === "rotate-encryption-key") {
    console.log(JSON.stringify(await rotateEncryptionKey(parseConfig(process.env))));
    return;
  }
  const [group, command, ...rest] = argv;
  if ((group !== "tenant" && group !== "staff") || !command) fail("unknown command");
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      origin: { type: "string", multiple: true },
      tenant: { type: "string" },
      kind: { type: "string" },
      email: { type: "string" },
      role: { type: "string" },
    },
    strict: true,
  });
  const config = parseConfig(process.env);
  const { db, client } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    if (group === "staff") {
      const baseUrl = config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
      const result = await staffCommand(db, { command, tenant: values.tenant, email: values.email, role: values.role, baseUrl, now: Date.now() });
      if ("problem" in result) fail(String(result.problem));
      console.log(JSON.stringify(result));
    } else if (command === "create") {
      const name = values.name?.trim();
      if (!name || name.length > 200) fail("--name is required (1–200 characters)");
      const origins = [...new Set((values.origin ?? []).map(normalizeOrigin))];
      console.log(JSON.stringify(await createTenant(db, { name, origins, now: Date.now() })));
    } else if (command === "list") {
      console.log(JSON.stringify(await listTenants(db)));
    } else if (command === "rotate-key") {
      if (!values.tenant) fail("--tenant is required");
      if (values.kind === "signing") {
        console.log(JSON.stringify(await rotateSigningKey(db, { tenantId: values.tenant, now: Date.now() })));
        return;
      }
      if (values.kind !== "secret" && values.kind !== "publishable") fail("--kind must be secret, publishable or signing");
      console.log(JSON.stringify(await rotateKey(db, { tenantId: values.tenant, kind: values.kind, now: Date.now() })));
    } else {
      fail(`unknown command tenant ${command}`);
    }
  } finally {
    client.close();
  }
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
