import { z } from "zod";
import { LOCK_MODES } from "../../../shared/entitlement/timeline.ts";
import type { LockMode } from "../../../shared/entitlement/timeline.ts";

/** A vendor's settings. Stored as JSON on the tenant; every field has a default. */
export const tenantSettingsSchema = z.object({
  defaultGraceHours: z.int().min(0).max(24 * 366).default(72),
  defaultLockMode: z.enum(LOCK_MODES as [LockMode, ...LockMode[]]).default("soft"),
  /** Days before access ends in which end users are reminded (`expiring`). */
  reminderWindowDays: z.int().min(0).max(366).default(30),
  /** Where the renew button leads; `{accountId}` is replaced by the vendor's account id. */
  renewalUrl: z.url().nullable().default(null),
  /** Which user roles may start a renewal from the widget. */
  renewalRoles: z.array(z.enum(["admin", "member"])).default(["admin"]),
  productName: z.string().min(1).max(100).default("Tenure"),
  accentColor: z.string().regex(/^#[0-9a-fA-F]{6}$/).default("#2457d6"),
  supportEmail: z.email().nullable().default(null),
});
export type TenantSettings = z.infer<typeof tenantSettingsSchema>;

export function readSettings(stored: unknown): TenantSettings {
  return tenantSettingsSchema.parse(stored ?? {});
}
