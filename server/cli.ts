/**
 * `npm run tenure -- <command>`: tenant administration on the database named by
 * DATABASE_URL. Every command prints one JSON line.
 *
 *   tenant create --name NAME [--origin URL]…   keys and identity secret, shown once
 *   tenant list                                 tenants with key hints
 *   tenant rotate-key --tenant ID --kind secret|publishable
 */
import { parseArgs } from "node:util";
import { parseConfig } from "./config.ts";
import { openDatabase } from "./node.ts";
import { createTenant } from "./services/tenants/create-tenant.ts";
import { listTenants } from "./services/tenants/list-tenants.ts";
import { rotateKey } from "./services/tenants/rotate-key.ts";

const USAGE = `usage:
  npm run tenure -- tenant create --name NAME [--origin URL]...
  npm run tenure -- tenant list
  npm run tenure -- tenant rotate-key --tenant ten_... --kind secret|publishable`;

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

async function main(argv: string[]): Promise<void> {
  const [group, command, ...rest] = argv;
  if (group !== "tenant" || !command) fail("unknown command");
  const { values } = parseArgs({
    args: rest,
    options: {
      name: { type: "string" },
      origin: { type: "string", multiple: true },
      tenant: { type: "string" },
      kind: { type: "string" },
    },
    strict: true,
  });
  const config = parseConfig(process.env);
  const { db, client } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  try {
    if (command === "create") {
      const name = values.name?.trim();
      if (!name || name.length > 200) fail("--name is required (1–200 characters)");
      const origins = [...new Set((values.origin ?? []).map(normalizeOrigin))];
      console.log(JSON.stringify(await createTenant(db, { name, origins, now: Date.now() })));
    } else if (command === "list") {
      console.log(JSON.stringify(await listTenants(db)));
    } else if (command === "rotate-key") {
      if (!values.tenant) fail("--tenant is required");
      if (values.kind !== "secret" && values.kind !== "publishable") fail("--kind must be secret or publishable");
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
