import type { Db } from "../../db/client.ts";
import { secretBoxOf } from "../tenants/secrets.ts";

/**
 * Signing keys at rest: sealed with the server's secret box (AES-256-GCM under
 * TENURE_ENCRYPTION_KEY, lib/secret-box.ts), bound to their key id so a sealed key copied to
 * another row does not open.
 */
export function sealSigningKey(db: Db, kid: string, plain: string): Promise<string> {
  return secretBoxOf(db).seal(plain, `signing:${kid}`);
}

export function openSigningKey(db: Db, kid: string, sealed: string): Promise<string> {
  return secretBoxOf(db).open(sealed, `signing:${kid}`);
}
