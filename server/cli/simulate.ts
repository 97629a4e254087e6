import { eq } from "drizzle-orm";
import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { tenants } from "../db/schema/index.ts";
import { signUserToken } from "../lib/jwt.ts";
import { LOCK_MODES } from "../../shared/entitlement/timeline.ts";
import type { LockMode } from "../../shared/entitlement/timeline.ts";
import { TenureError } from "../../shared/errors.ts";
import { upsertAccount } from "../services/accounts/upsert-account.ts";
import { putContract } from "../services/contracts/put-contract.ts";
import { entitlementView, getEntitlement } from "../services/entitlement/get-entitlement.ts";
import { openIdentitySecret, openSettings } from "../services/tenants/secrets.ts";

export const PREVIEW_STATES = ["active", "expiring", "grace", "locked"] as const;
export type PreviewState = (typeof PREVIEW_STATES)[number];

/** How long the printed user token is valid (the server accepts at most 24 h). */
const TOKEN_HOURS = 12;

interface Term {
  startDate: string;
  endDate: string;
  graceHours: number;
}

/**
 * A term, in UTC calendar days, that puts `now` in `state` under the tenant's reminder window:
 * active ends well past the window, expiring ends within it, grace ended at today's midnight
 * with 72 hours of grace, locked ended ten days ago with one day of grace.
 */
function termFor(state: PreviewState, now: number, reminderWindowDays: number): Term {
  const today = DateTime.fromMillis(now, { zone: "UTC" }).startOf("day");
  const day = (offset: number): string => today.plus({ days: offset }).toISODate()!;
  const yearBefore = (end: number): string => today.plus({ days: end }).minus({ years: 1 }).plus({ days: 1 }).toISODate()!;
  if (state === "active") {
    const end = Math.max(reminderWindowDays + 60, 365);
    return { startDate: day(-30), endDate: day(end), graceHours: 72 };
  }
  if (state === "expiring") {
    if (reminderWindowDays < 1) throw new TenureError("validation_failed", "this tenant's reminderWindowDays is 0: no account is ever expiring");
    // The last day is inclusive: access ends at midnight after it, within the window.
    const daysLeft = Math.min(5, reminderWindowDays);
    return { startDate: yearBefore(daysLeft - 1), endDate: day(daysLeft - 1), graceHours: 72 };
  }
  if (state === "grace") return { startDate: yearBefore(-1), endDate: day(-1), graceHours: 72 };
  return { startDate: yearBefore(-10), endDate: day(-10), graceHours: 24 };
}

/**
 * `account simulate`: puts a preview account in the asked state now, through the same
 * services the API uses, and mints a user token for it, so each widget state can be looked at
 * on the vendor's own page. Only `preview-…` accounts: a real customer's term is never moved.
 */
export async function simulateAccount(
  db: Db,
  input: { tenantId: string; state: PreviewState; lockMode?: LockMode; accountId?: string; role: "admin" | "member"; now: number },
): Promise<Record<string, unknown>> {
  const accountId = input.accountId ?? `preview-${input.state}`;
  if (!/^preview-[A-Za-z0-9_.:-]{1,120}$/.test(accountId))
    throw new TenureError("validation_failed", "--account must start with preview- (then 1–120 of A-Z a-z 0-9 _ . : -)");
  if (input.lockMode && !LOCK_MODES.includes(input.lockMode)) throw new TenureError("validation_failed", `--lock-mode must be one of ${LOCK_MODES.join(", ")}`);
  const tenant = await db.query.tenants.findFirst({ where: eq(tenants.id, input.tenantId) });
  if (!tenant) throw new TenureError("not_found", `no tenant ${input.tenantId}`);
  const settings = await openSettings(db, tenant.id, tenant.settings);
  const term = termFor(input.state, input.now, settings.reminderWindowDays);
  const { account } = await upsertAccount(db, {
    tenantId: tenant.id,
    externalId: accountId,
    body: { name: `Preview: ${input.state}`, timezone: "UTC", stage: "preview" },
    now: input.now,
  });
  await putContract(db, {
    account,
    body: { seats: 10, ...term, ...(input.lockMode ? { lockMode: input.lockMode } : {}) },
    now: input.now,
  });
  const entitlement = await getEntitlement(db, { account, settings, now: input.now });
  if (entitlement.state !== input.state) {
    // Gifts of time or a pending renewal on the account move its access past the term.
    throw new TenureError("conflict", `${accountId} is ${entitlement.state}, not ${input.state}, because of its grants or renewals: use another --account`);
  }
  const exp = Math.floor(input.now / 1000) + TOKEN_HOURS * 3600;
  const identitySecret = await openIdentitySecret(db, tenant.id, tenant.identitySecret);
  const userToken = await signUserToken({ sub: "preview-user", acct: accountId, role: input.role, exp, name: "Preview user" }, identitySecret);
  return {
    tenantId: tenant.id,
    accountId,
    contract: term,
    entitlement: entitlementView(entitlement, input.now),
    userToken,
    userTokenExpiresAt: new Date(exp * 1000).toISOString(),
  };
}
