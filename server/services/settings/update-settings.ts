import { and, eq, isNull, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import { validate } from "../../lib/body.ts";
import { refuseTarget } from "../../lib/resolve-host.ts";
import { TenureError } from "../../../shared/errors.ts";
import { providerProblem } from "../renewals/providers.ts";
import { recordChange } from "../tenants/changes.ts";
import { openSettings, sealSettings } from "../tenants/secrets.ts";
import { tenantSettingsSchema } from "../tenants/settings.ts";
import type { TenantSettings } from "../tenants/settings.ts";

/** The tenant's settings as stored (every default filled in). */
export async function getSettings(db: Db, tenantId: string): Promise<TenantSettings> {
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, tenantId) });
  if (!tenant) throw new TenureError("not_found", "no such tenant");
  return openSettings(db, tenant.id, tenant.settings);
}

/**
 * Changes some settings: the fields given replace the stored ones (`null` clears a nullable
 * field) and the whole result must pass the settings schema, so nothing invalid is stored.
 * A provider must be usable as configured, and a `stripeApi` host is held to the same
 * private-address rule as webhook endpoints. Atomic against concurrent changes: the write
 * applies only if the stored settings are still those the patch was applied to, else the
 * patch is applied again to what is stored now (so two PATCHes of different fields both
 * stick). Other processes see the change within a second (changes.ts).
 */
export async function updateSettings(
  db: Db,
  input: { tenantId: string; patch: Record<string, unknown>; allowPrivateTargets: boolean; now?: number },
): Promise<TenantSettings> {
  const now = input.now ?? Date.now();
  const timelineChanged = Object.hasOwn(input.patch, "reminders");
  // Own keys only: `toString` or `__proto__` are not settings.
  const unknown = Object.keys(input.patch).filter((key) => !Object.hasOwn(tenantSettingsSchema.shape, key));
  if (unknown.length > 0) throw new TenureError("validation_failed", `unknown setting: ${unknown.join(", ")}`);
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
    const [row] = await db
      .select({ raw: sql<string>`CAST(${tenants.settings} AS TEXT)` })
      .from(tenants)
      .where(eq(tenants.id, input.tenantId));
    if (!row) throw new TenureError("not_found", "no such tenant");
    const next = await nextSettings(input, await openSettings(db, input.tenantId, row.raw === null ? null : JSON.parse(row.raw)));
    const sealed = await sealSettings(db, input.tenantId, next);
    const [written] = await recordChange(db, { tenantId: input.tenantId }, [
      db
        .update(tenants)
        .set({ settings: sealed, ...(timelineChanged ? { remindersChangedAt: now } : {}) })
        .where(and(eq(tenants.id, input.tenantId), row.raw === null ? isNull(tenants.settings) : sql`CAST(${tenants.settings} AS TEXT) = ${row.raw}`))
        .returning({ id: tenants.id }),
      // A new timeline: every running term is planned again at the next tick (only if this write won).
      ...(timelineChanged
        ? [
            db.run(sql`UPDATE contract_terms SET next_reminder_at = 0
              WHERE contract_ends_at > ${now} AND account_id IN (SELECT id FROM accounts WHERE tenant_id = ${input.tenantId})
              AND EXISTS (SELECT 1 FROM tenants WHERE id = ${input.tenantId} AND reminders_changed_at = ${now})`),
          ]
        : []),
    ]);
    if (written.length === 1) return next;
  }
  throw new TenureError("conflict", "the settings kept changing while this change was applied; send it again");
}

const MAX_ATTEMPTS = 5;

async function nextSettings(input: { patch: Record<string, unknown>; allowPrivateTargets: boolean }, stored: TenantSettings): Promise<TenantSettings> {
  const patch = { ...input.patch };
  // One segment's timeline may be given alone; the other keeps its own.
  if (isPlainObject(patch.reminders)) patch.reminders = { ...stored.reminders, ...patch.reminders };
  const next = validate(tenantSettingsSchema, { ...stored, ...patch }, "settings");
  const problem = providerProblem(next);
  if (problem) throw new TenureError("validation_failed", `invalid settings: ${problem}`);
  if (next.stripeApi && input.patch.stripeApi !== undefined) {
    const { protocol, host, port } = next.stripeApi;
    const refused = await refuseTarget(new URL(`${protocol}://${host}:${port}/`), { allowPrivate: input.allowPrivateTargets });
    if (refused) throw new TenureError("validation_failed", `invalid settings: stripeApi ${refused}`);
  }
  return next;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function hint(secret: string | null): string | null {
  return secret === null ? null : `${secret.slice(0, secret.indexOf("_", 3) + 1 || 6)}…${secret.slice(-4)}`;
}

/** The wire form: secrets are shown as hints (prefix and last four), never whole. */
export function settingsView(settings: TenantSettings): Record<string, unknown> {
  return {
    ...settings,
    stripeSecretKey: hint(settings.stripeSecretKey),
    stripeWebhookSecret: hint(settings.stripeWebhookSecret),
    renewalLinkSecret: settings.renewalLinkSecret === null ? null : "set",
  };
}
