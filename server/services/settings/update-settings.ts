import { eq } from "drizzle-orm";
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
 * private-address rule as webhook endpoints. Other processes see the change within the key
 * cache's few seconds; renewals read payment settings fresh.
 */
export async function updateSettings(
  db: Db,
  input: { tenantId: string; patch: Record<string, unknown>; allowPrivateTargets: boolean },
): Promise<TenantSettings> {
  const unknown = Object.keys(input.patch).filter((key) => !(key in tenantSettingsSchema.shape));
  if (unknown.length > 0) throw new TenureError("validation_failed", `unknown setting: ${unknown.join(", ")}`);
  const stored = await getSettings(db, input.tenantId);
  const next = validate(tenantSettingsSchema, { ...stored, ...input.patch }, "settings");
  const problem = providerProblem(next);
  if (problem) throw new TenureError("validation_failed", `invalid settings: ${problem}`);
  if (next.stripeApi && input.patch.stripeApi !== undefined) {
    const { protocol, host, port } = next.stripeApi;
    const refused = await refuseTarget(new URL(`${protocol}://${host}:${port}/`), { allowPrivate: input.allowPrivateTargets });
    if (refused) throw new TenureError("validation_failed", `invalid settings: stripeApi ${refused}`);
  }
  await recordChange(db, { tenantId: input.tenantId }, [db.update(tenants).set({ settings: await sealSettings(db, input.tenantId, next) }).where(eq(tenants.id, input.tenantId))]);
  return next;
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
