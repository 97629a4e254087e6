import { and, eq, isNull, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { contractTerms, grants, renewalDeclines, renewals } from "../../db/schema/index.ts";
import type { BootstrapResponse } from "../../../shared/wire/bootstrap.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { effectiveProvider, providerProblem } from "./providers.ts";
import { money } from "./view.ts";

const reads = perDb((db) => ({
  current: db
    .select({ renewal: renewals, holdUntil: grants.holdUntil, declineReason: renewalDeclines.reason, declinedAt: renewalDeclines.createdAt })
    .from(contractTerms)
    .leftJoin(renewals, eq(renewals.openTermId, contractTerms.id))
    .leftJoin(
      grants,
      and(eq(grants.accountId, contractTerms.accountId), eq(grants.termId, contractTerms.id), eq(grants.type, "hold"), isNull(grants.voidedAt)),
    )
    .leftJoin(renewalDeclines, and(eq(renewalDeclines.accountId, contractTerms.accountId), eq(renewalDeclines.termId, contractTerms.id)))
    .where(and(eq(contractTerms.id, sql.placeholder("termId")), eq(contractTerms.accountId, sql.placeholder("accountId"))))
    .limit(1)
    .prepare(),
}));

export interface RenewalWidgetState {
  holdUntil: number | null;
  renewal: Omit<BootstrapResponse["renewal"], "url">;
}

/**
 * What the widget shows about renewing the current term, in one query: the pending renewal
 * (with an invoice's reference and amount), the hold while it is in force, and the decline
 * that keeps the widget from asking again this term.
 */
export async function renewalWidgetState(
  db: Db,
  input: { accountId: string; termId: string; settings: TenantSettings; role: "admin" | "member" },
): Promise<RenewalWidgetState> {
  const row = await reads(db).current.get({ accountId: input.accountId, termId: input.termId });
  const pending = row?.renewal ?? null;
  const { settings } = input;
  return {
    holdUntil: row?.holdUntil ?? null,
    renewal: {
      canRenew: providerProblem(settings) === null && settings.renewalRoles.includes(input.role),
      provider: effectiveProvider(settings),
      pending: pending ? { id: pending.id, status: pending.status, startedAt: pending.startedAt, expiresAt: pending.expiresAt } : null,
      invoice:
        pending?.provider === "invoice" && pending.reference
          ? { reference: pending.reference, amount: money(pending.amountValue, pending.amountCurrency), dueAt: pending.expiresAt }
          : null,
      declined: row?.declineReason && row.declinedAt != null ? { reason: row.declineReason, at: row.declinedAt } : null,
    },
  };
}
