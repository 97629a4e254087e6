/**
 * What each CLI command does, loaded only once a command is to run (help and usage errors
 * answer without opening the database layer).
 */
import { resolve } from "node:path";
import { parseConfig } from "../config.ts";
import type { Config } from "../config.ts";
import type { Db } from "../db/client.ts";
import { keyFilePath, loadOrCreateKeyFile, writeKeyFile } from "../lib/key-file.ts";
import { generateEncryptionKey, parseKeyRing } from "../lib/secret-box.ts";
import { openDatabase } from "../node.ts";
import { LOCK_MODES } from "../../shared/entitlement/timeline.ts";
import type { LockMode } from "../../shared/entitlement/timeline.ts";
import { createTenant } from "../services/tenants/create-tenant.ts";
import { listTenants } from "../services/tenants/list-tenants.ts";
import { rotateKey } from "../services/tenants/rotate-key.ts";
import { DEFAULT_IDENTITY_OVERLAP_MS, rotateIdentitySecret } from "../services/tenants/rotate-identity-secret.ts";
import { secretBoxOf } from "../services/tenants/secrets.ts";
import { updateTenant } from "../services/tenants/update-tenant.ts";
import { rotateSigningKey } from "../services/signing/signing-keys.ts";
import { staffCommand } from "../services/staff/cli-commands.ts";
import type { CommandSpec } from "./commands.ts";
import { PREVIEW_STATES, simulateAccount } from "./simulate.ts";
import type { PreviewState } from "./simulate.ts";
import { fail } from "./usage.ts";

function secretKeyId(db: Db): string {
  return secretBoxOf(db).keyId;
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
      fail(
        "with TENURE_ENCRYPTION_KEY, set TENURE_ENCRYPTION_KEY=<new>,<old> on every process first (a new key: openssl rand -base64 32), run this, then drop <old>",
      );
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

const HOUR_MS = 3_600_000;

function overlapMs(text: string | undefined): number {
  if (text === undefined) return DEFAULT_IDENTITY_OVERLAP_MS;
  const hours = Number(text);
  if (!/^\d+(\.\d+)?$/.test(text) || !(hours <= 24 * 30)) fail("--overlap-hours must be a number of hours from 0 to 720");
  return Math.round(hours * HOUR_MS);
}

function origins(values: string[] | undefined): string[] {
  return [...new Set((values ?? []).map(normalizeOrigin))];
}

export async function run(command: CommandSpec, values: Record<string, string | string[] | boolean | undefined>): Promise<unknown> {
  const text = (name: string): string | undefined => values[name] as string | undefined;
  const config = parseConfig(process.env);
  if (command.name === "rotate-encryption-key") return rotateEncryptionKey(config);
  if (command.name !== "tenant create" && command.name !== "tenant list" && !text("tenant")) fail("--tenant is required");
  if (command.name === "tenant create") {
    const name = text("name")?.trim();
    if (!name || name.length > 200) fail("--name is required (1–200 characters)");
    values = { ...values, origin: origins(values.origin as string[] | undefined) };
  }
  const { db, client } = await openDatabase(config.DATABASE_URL, config.DATABASE_AUTH_TOKEN);
  const now = Date.now();
  const tenantId = text("tenant") ?? "";
  try {
    switch (command.name) {
      case "tenant create":
        return await createTenant(db, { name: text("name")!.trim(), origins: values.origin as string[], now });
      case "tenant list":
        return await listTenants(db);
      case "tenant update": {
        const listed = values.origin as string[] | undefined;
        if (listed && values["any-origin"]) fail("give --origin or --any-origin, not both");
        const name = text("name")?.trim();
        if (name !== undefined && (!name || name.length > 200)) fail("--name must be 1–200 characters");
        if (!listed && !values["any-origin"] && name === undefined) fail("nothing to change: give --origin, --any-origin or --name");
        return await updateTenant(db, {
          tenantId,
          ...(name !== undefined ? { name } : {}),
          ...(listed ? { origins: origins(listed) } : values["any-origin"] ? { origins: [] } : {}),
        });
      }
      case "tenant rotate-key": {
        const kind = text("kind");
        if (kind !== "identity" && text("overlap-hours") !== undefined) fail("--overlap-hours goes with --kind identity");
        if (kind === "signing") return await rotateSigningKey(db, { tenantId, now });
        if (kind === "identity") return await rotateIdentitySecret(db, { tenantId, overlapMs: overlapMs(text("overlap-hours")), now });
        if (kind !== "secret" && kind !== "publishable") fail("--kind must be secret, publishable, signing or identity");
        return await rotateKey(db, { tenantId, kind, now });
      }
      case "account simulate": {
        const state = text("state");
        if (!PREVIEW_STATES.includes(state as PreviewState)) fail(`--state must be one of ${PREVIEW_STATES.join(", ")}`);
        const lockMode = text("lock-mode");
        if (lockMode !== undefined && !LOCK_MODES.includes(lockMode as LockMode)) fail(`--lock-mode must be one of ${LOCK_MODES.join(", ")}`);
        const role = text("role") ?? "admin";
        if (role !== "admin" && role !== "member") fail("--role must be admin or member");
        const account = text("account");
        return await simulateAccount(db, {
          tenantId,
          state: state as PreviewState,
          role,
          now,
          ...(lockMode ? { lockMode: lockMode as LockMode } : {}),
          ...(account ? { accountId: account } : {}),
        });
      }
      default: {
        const baseUrl = config.PUBLIC_URL ?? `http://127.0.0.1:${config.PORT}`;
        const result = await staffCommand(db, {
          command: command.name.slice("staff ".length),
          tenant: tenantId,
          email: text("email"),
          role: text("role"),
          baseUrl,
          now,
        });
        if ("problem" in result) fail(String(result.problem));
        return result;
      }
    }
  } finally {
    client.close();
  }
}
