import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { signingKeys, tenants, webhookEndpoints } from "../../db/schema/index.ts";
import type { SecretBox } from "../../lib/secret-box.ts";
import { openSigningKey, sealSigningKey } from "../signing/key-box.ts";
import { readSettings } from "./settings.ts";
import type { TenantSettings } from "./settings.ts";

/**
 * Which stored values are secrets, and how they are sealed (lib/secret-box.ts) on their way
 * into the database and opened on their way out. Each entry attaches a box to its database
 * handle (node.ts: TENURE_ENCRYPTION_KEY or the key file; worker.ts: the secret binding).
 *
<<<<<<< HEAD
 * Sealed: a tenant's identity secret, its Stripe secret key and webhook secret and its
 * renewal-link secret (settings), webhook endpoints' signing secrets, and the Ed25519
 * entitlement-signing keys (services/signing/key-box.ts). API keys are stored
=======
 * Sealed: a tenant's identity secret (and the one it replaced, during a rotation's overlap),
 * its Stripe secret key and webhook secret and its renewal-link secret (settings), webhook
 * endpoints' signing secrets, and the Ed25519 entitlement-signing keys
 * (services/signing/key-box.ts). API keys are stored
>>>>>>> 09ea733 (CLI: --help on every command (one table of commands, options and help in server/cli/commands.ts; each command accepts only its own options), tenant update --origin (repeatable, replaces the allowed set; --any-origin clears it; --name), tenant rotate-key --kind identity with an overlap window (default 24 h, --overlap-hours) in which the old and the new identity secret both verify user tokens (old sealed at rest beside the new, resealed with the encryption key), account simulate puts a preview-… account in a chosen state and prints a user token for it)
 * hashed, not sealed: they never need to be read back.
 */
export const SETTINGS_SECRETS = ["stripeSecretKey", "stripeWebhookSecret", "renewalLinkSecret"] as const;

const boxes = new WeakMap<Db, SecretBox>();

/** Makes `box` seal and open this handle's secrets. */
export function attachSecretBox(db: Db, box: SecretBox): void {
  boxes.set(db, box);
}

export function secretBoxOf(db: Db): SecretBox {
  const box = boxes.get(db);
  if (!box) throw new Error("no secret box for this database handle: open it with openDatabase (Node) or attach one (attachSecretBox)");
  return box;
}

function identityContext(tenantId: string): string {
  return `identity:${tenantId}`;
}

function previousIdentityContext(tenantId: string): string {
  return `identity-previous:${tenantId}`;
}

function settingContext(tenantId: string, field: string): string {
  return `settings.${field}:${tenantId}`;
}

function webhookContext(endpointId: string): string {
  return `webhook:${endpointId}`;
}

export function sealIdentitySecret(db: Db, tenantId: string, secret: string): Promise<string> {
  return secretBoxOf(db).seal(secret, identityContext(tenantId));
}

export function openIdentitySecret(db: Db, tenantId: string, stored: string): Promise<string> {
  return secretBoxOf(db).open(stored, identityContext(tenantId));
}

/** The identity secret replaced by a rotation, kept for its overlap window. */
export function sealPreviousIdentitySecret(db: Db, tenantId: string, secret: string): Promise<string> {
  return secretBoxOf(db).seal(secret, previousIdentityContext(tenantId));
}

export function openPreviousIdentitySecret(db: Db, tenantId: string, stored: string): Promise<string> {
  return secretBoxOf(db).open(stored, previousIdentityContext(tenantId));
}

/** Settings as stored: the secret fields sealed. */
export async function sealSettings(db: Db, tenantId: string, settings: TenantSettings): Promise<TenantSettings> {
  const box = secretBoxOf(db);
  const sealed: Record<string, unknown> = { ...settings };
  for (const field of SETTINGS_SECRETS) {
    const value = settings[field];
    if (value !== null) sealed[field] = await box.seal(value, settingContext(tenantId, field));
  }
  return sealed as TenantSettings;
}

/** Settings as stored, opened: every default filled in and the secrets readable. */
export async function openSettings(db: Db, tenantId: string, stored: unknown): Promise<TenantSettings> {
  const box = secretBoxOf(db);
  const raw: Record<string, unknown> = { ...((stored ?? {}) as Record<string, unknown>) };
  for (const field of SETTINGS_SECRETS) {
    const value = raw[field];
    if (typeof value === "string") raw[field] = await box.open(value, settingContext(tenantId, field));
  }
  return readSettings(raw);
}

export function sealWebhookSecret(db: Db, endpointId: string, secret: string): Promise<string> {
  return secretBoxOf(db).seal(secret, webhookContext(endpointId));
}

export function openWebhookSecret(db: Db, endpointId: string, stored: string): Promise<string> {
  return secretBoxOf(db).open(stored, webhookContext(endpointId));
}

function settingsCurrent(box: SecretBox, stored: unknown): boolean {
  const raw = (stored ?? {}) as Record<string, unknown>;
  return SETTINGS_SECRETS.every((field) => typeof raw[field] !== "string" || box.isCurrent(raw[field] as string));
}

/** How many rows a reseal rewrote, per kind. */
export interface ResealCounts {
  tenants: number;
  webhookEndpoints: number;
  signingKeys: number;
}

/**
 * Seals every secret not sealed under the box's sealing key: plain text stored before
 * encryption, and values sealed under an older key (rotation). Each row is rewritten only if
 * it still holds what was read (a concurrent settings change wins), all in one batch.
 * @example await resealSecrets(db); // at start, and by `rotate-encryption-key`
 */
export async function resealSecrets(db: Db): Promise<ResealCounts> {
  const box = secretBoxOf(db);
  const writes = [];
  let tenantCount = 0;
  const rows = await db
    .select({ id: tenants.id, identitySecret: tenants.identitySecret, previousIdentitySecret: tenants.previousIdentitySecret, settings: tenants.settings })
    .from(tenants);
  for (const tenant of rows) {
    const previous = tenant.previousIdentitySecret;
    if (box.isCurrent(tenant.identitySecret) && (previous === null || box.isCurrent(previous)) && settingsCurrent(box, tenant.settings)) continue;
    const identitySecret = await sealIdentitySecret(db, tenant.id, await openIdentitySecret(db, tenant.id, tenant.identitySecret));
    const previousIdentitySecret =
      previous === null ? null : await sealPreviousIdentitySecret(db, tenant.id, await openPreviousIdentitySecret(db, tenant.id, previous));
    const settings = await sealSettings(db, tenant.id, await openSettings(db, tenant.id, tenant.settings));
    writes.push(
      db
        .update(tenants)
        .set({ identitySecret, previousIdentitySecret, settings })
        .where(
          and(
            eq(tenants.id, tenant.id),
            eq(tenants.identitySecret, tenant.identitySecret),
            previous === null ? isNull(tenants.previousIdentitySecret) : eq(tenants.previousIdentitySecret, previous),
            sql`${tenants.settings} = ${JSON.stringify(tenant.settings)}`,
          ),
        ),
    );
    tenantCount++;
  }
  let endpointCount = 0;
  for (const endpoint of await db.select({ id: webhookEndpoints.id, secret: webhookEndpoints.secret }).from(webhookEndpoints)) {
    if (box.isCurrent(endpoint.secret)) continue;
    const secret = await sealWebhookSecret(db, endpoint.id, await openWebhookSecret(db, endpoint.id, endpoint.secret));
    writes.push(
      db
        .update(webhookEndpoints)
        .set({ secret })
        .where(and(eq(webhookEndpoints.id, endpoint.id), eq(webhookEndpoints.secret, endpoint.secret))),
    );
    endpointCount++;
  }
  let signingKeyCount = 0;
  for (const key of await db.select({ id: signingKeys.id, privateSealed: signingKeys.privateSealed }).from(signingKeys)) {
    if (box.isCurrent(key.privateSealed)) continue;
    const privateSealed = await sealSigningKey(db, key.id, await openSigningKey(db, key.id, key.privateSealed));
    writes.push(
      db
        .update(signingKeys)
        .set({ privateSealed })
        .where(and(eq(signingKeys.id, key.id), eq(signingKeys.privateSealed, key.privateSealed))),
    );
    signingKeyCount++;
  }
  if (writes.length > 0) await db.batch(writes as [(typeof writes)[number], ...(typeof writes)[number][]]);
  return { tenants: tenantCount, webhookEndpoints: endpointCount, signingKeys: signingKeyCount };
}
