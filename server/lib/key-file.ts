/**
 * The embedded default's encryption key: a file beside the database (`tenure.db.key`, mode
 * 0600), created with a random key on first start. One base64 key per line, the sealing key
 * first; during a rotation the file briefly holds the new key and the old one.
 */
import { chmodSync, existsSync, readFileSync, renameSync, statSync, writeFileSync } from "node:fs";
import { resolve } from "node:path";
import { createSecretBox, generateEncryptionKey, parseKeyRing } from "./secret-box.ts";
import type { SecretBox } from "./secret-box.ts";

export function keyFilePath(databasePath: string): string {
  return `${databasePath}.key`;
}

/** Writes the ring atomically (temp file, then rename), readable by the owner only. */
export function writeKeyFile(path: string, keys: string[]): void {
  const temp = `${path}.${process.pid}.tmp`;
  writeFileSync(temp, `${keys.join("\n")}\n`, { mode: 0o600 });
  chmodSync(temp, 0o600);
  renameSync(temp, path);
}

export function readKeyFile(path: string): string[] {
  return readFileSync(path, "utf8")
    .split(/\s+/)
    .filter((line) => line.length > 0);
}

/** The key file's ring, creating the file first when there is none. */
export function loadOrCreateKeyFile(path: string): { keys: string[]; created: boolean } {
  if (existsSync(path)) {
    const keys = readKeyFile(path);
    parseKeyRing(keys.join("\n"));
    return { keys, created: false };
  }
  const keys = [generateEncryptionKey()];
  writeKeyFile(path, keys);
  return { keys, created: true };
}

/** A reload for `createSecretBox`: the file's ring when it changed since the last look, else null. */
export function keyFileReloader(path: string): () => Uint8Array<ArrayBuffer>[] | null {
  let seen = existsSync(path) ? statSync(path).mtimeMs : 0;
  return () => {
    if (!existsSync(path)) return null;
    const mtime = statSync(path).mtimeMs;
    if (mtime === seen) return null;
    seen = mtime;
    return parseKeyRing(readKeyFile(path).join("\n"));
  };
}

/**
 * The secret box for a database opened on Node: the keys in `encryptionKey`
 * (TENURE_ENCRYPTION_KEY) when set; else the key file beside a file database, created on
 * first use; an in-memory database gets a random key for its lifetime. A remote database
 * without a key is refused: its secrets must not depend on a file on one machine.
 */
export async function nodeSecretBox(url: string, encryptionKey: string | undefined): Promise<{ box: SecretBox; source: string; created: boolean }> {
  if (encryptionKey) return { box: await createSecretBox(parseKeyRing(encryptionKey)), source: "TENURE_ENCRYPTION_KEY", created: false };
  const path = url.startsWith("file:") ? url.slice("file:".length) : null;
  if (path === null) throw new Error("TENURE_ENCRYPTION_KEY is required with a remote DATABASE_URL (generate one: openssl rand -base64 32)");
  if (path === "" || path === ":memory:")
    return { box: await createSecretBox([globalThis.crypto.getRandomValues(new Uint8Array(32))]), source: "a key for this in-memory database", created: true };
  const file = keyFilePath(resolve(path));
  const { keys, created } = loadOrCreateKeyFile(file);
  return { box: await createSecretBox(parseKeyRing(keys.join("\n")), keyFileReloader(file)), source: `key file ${file}`, created };
}
