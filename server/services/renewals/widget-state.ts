import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { contractTerms, endUsers, grants, renewalDeclines, renewals } from "../../db/schema/index.ts";
import type { BootstrapResponse } from "../../../shared/wire/bootstrap.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { effectiveProvider, providerProblem } from "./providers.ts";
import { money } from "./view.ts";

const reads = perDb((db) => ({
  current: db
    .select({ renewal: renewals, holdUntil: grants.holdUntil })
    .from(contractTerms)
    .leftJoin(renewals, eq(renewals.openTermId, contractTerms.id))
    .leftJoin(grants, and(eq(grants.accountId, contractTerms.accountId), eq(grants.termId, contractTerms.id), eq(grants.type, "hold"), isNull(grants.voidedAt)))
    .where(and(eq(contractTerms.id, sql.placeholder("termId")), eq(contractTerms.accountId, sql.placeholder("accountId"))))
    .limit(1)
    .prepare(),
  /** This term's declines, first first, with the name each person was last seen with. */
  declines: db
    .select({ userId: renewalDeclines.userId, reason: renewalDeclines.reason, at: renewalDeclines.createdAt, name: endUsers.name })
    .from(renewalDeclines)
    .leftJoin(endUsers, and(eq(endUsers.accountId, renewalDeclines.accountId), eq(endUsers.externalId, renewalDeclines.userId)))
    .where(and(eq(renewalDeclines.accountId, sql.placeholder("accountId")), eq(renewalDeclines.termId, sql.placeholder("termId"))))
    .orderBy(asc(renewalDeclines.createdAt))
    .prepare(),
}));

export interface RenewalWidgetState {
  holdUntil: number | null;
  renewal: Omit<BootstrapResponse["renewal"], "url">;
}

/**
 * What the widget shows about renewing the current term: the pending renewal (with an
 * invoice's reference and amount), the hold while it is in force, this user's decline (which
 * keeps the widget from asking them again this term) and, for everyone else, who declined first.
 */
export async function renewalWidgetState(
  db: Db,
  input: { accountId: string; termId: string; settings: TenantSettings; role: "admin" | "member"; userId: string },
): Promise<RenewalWidgetState> {
  const row = await reads(db).current.get({ accountId: input.accountId, termId: input.termId });
  const declines = await reads(db).declines.all({ accountId: input.accountId, termId: input.termId });
  const mine = declines.find((decline) => decline.userId === input.userId);
  const first = declines[0];
  const pending = row?.renewal ?? null;
  const { settings } = input;
  const provider = effectiveProvider(settings);
  return {
    holdUntil: row?.holdUntil ?? null,
    renewal: {
      canRenew: provider !== null && providerProblem(settings) === null && settings.renewalRoles.includes(input.role),
      // "none": nothing to start; the widget shows the way to supportEmail instead.
      provider: provider ?? "none",
      pending: pending ? { id: pending.id, status: pending.status, startedAt: pending.startedAt, expiresAt: pending.expiresAt } : null,
      invoice:
        pending?.provider === "invoice" && pending.reference
          ? {
              reference: pending.reference,
              amount: money(pending.amountValue, pending.amountCurrency),
              dueAt: pending.expiresAt,
              instructions: settings.invoicePaymentInstructions,
            }
          : null,
      declined: mine ? { reason: mine.reason, at: mine.at } : null,
      declinedBy: !mine && first ? { name: first.name ?? first.userId, at: first.at } : null,
    },
  };
}
