import type { z } from "zod";
import type { Db } from "../../db/client.ts";
import { versionedCache } from "../../lib/versioned-cache.ts";
import { parseJsonText, validate } from "../../lib/body.ts";
import { CLOCK_TOLERANCE_SECONDS } from "../../lib/jwt.ts";
import { bootstrapBody } from "../../../shared/schemas/widget.ts";
import { changeCount, tenantVersion } from "../tenants/tenant-version.ts";
import type { ResolvedKey } from "../tenants/resolve-key.ts";
import { refuseOrigin, verifyWidgetCaller } from "./authenticate.ts";
import type { WidgetCaller } from "./authenticate.ts";

/**
 * An open widget sends the same bootstrap body (publishable key, user token, last ETag) on
 * every read for as long as its token lives, and each check of that body (JSON bounds,
 * schema, key, signature, claims) comes out the same every time. So each process remembers
 * the outcome for the exact text, briefly, and checks again on every use only what can
 * change it:
 *
 * - the tenant's version: a revoked key, a rotated secret or new origins are tenant writes;
 * - the clock: never past the token's expiry, the end of a rotated secret's overlap, or
 *   `KEEP_MS`, the key cache's own bound on revocations where no change watcher runs;
 * - the page's origin, which is not in the body.
 *
 * Only accepted calls are remembered; a refused one is checked in full each time.
 */
const KEEP_MS = 5_000;
const MAX_ENTRIES = 10_000;
/** Longer texts (padding) are still served, just not remembered; real bodies are well under. */
const MAX_KEPT_TEXT = 8 * 1024;

export type BootstrapBody = z.infer<typeof bootstrapBody>;

interface Call {
  body: BootstrapBody;
  caller: WidgetCaller;
}

const kept = versionedCache<Call>({ max: MAX_ENTRIES, currentVersion: (db, call) => tenantVersion(db, call.caller.tenant.id) });

/**
 * The bootstrap body in `text`, validated, and its verified caller; throws the same refusals
 * as checking it afresh (400, 401, 403, `token_expired`).
 * @example const { body, caller } = await verifiedBootstrapCall(db, text, { origin, now, resolveKey });
 */
export async function verifiedBootstrapCall(
  db: Db,
  text: string,
  input: { origin: string | null; now: number; resolveKey: (key: string) => Promise<ResolvedKey | null> },
): Promise<Call> {
  const hit = kept.get(db, text, input.now);
  if (hit) {
    refuseOrigin(hit.value.caller.tenant, input.origin);
    return hit.value;
  }
  const changesBefore = changeCount(db);
  const body = validate(bootstrapBody, parseJsonText(text));
  const caller = await verifyWidgetCaller({ publishableKey: body.publishableKey, userToken: body.userToken, ...input });
  // A write that landed while the key was read may not be in `caller`: use it, do not keep it.
  if (changeCount(db) === changesBefore && text.length <= MAX_KEPT_TEXT) {
    const { tenant, claims } = caller;
    let until = Math.min(input.now + KEEP_MS, (claims.exp + CLOCK_TOLERANCE_SECONDS) * 1000);
    // It may have been verified with the secret a rotation replaced, which stops working then.
    if (tenant.previousIdentitySecret) until = Math.min(until, tenant.previousIdentitySecret.until);
    kept.set(db, text, { value: { body, caller }, version: tenantVersion(db, tenant.id), until });
  }
  return { body, caller };
}
