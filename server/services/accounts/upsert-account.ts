import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accounts, contractTerms } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { contractEndsAt } from "../../../shared/entitlement/compute.ts";
import type { AccountUpsertBody } from "../../../shared/schemas/accounts.ts";
import { recordChange } from "../tenants/changes.ts";
import type { AccountRow } from "./find-account.ts";

/**
 * Creates or updates an account. A new time zone moves the stored `contractEndsAt` of its
 * terms, since a term's last day is a local day: the account and all its terms change in one
 * batch, so no reader sees the new zone with old ends.
 */
export async function upsertAccount(
  db: Db,
  input: { tenantId: string; externalId: string; body: AccountUpsertBody; now: number },
): Promise<{ account: AccountRow; created: boolean }> {
  const { tenantId, externalId, body, now } = input;
  const existing = await db.query.accounts.findFirst({
    where: and(eq(accounts.tenantId, tenantId), eq(accounts.externalId, externalId)),
  });
  const fields = {
    name: body.name,
    timezone: body.timezone,
    locale: body.locale ?? null,
    segment: body.segment ?? existing?.segment ?? "tech_touch",
    stage: body.stage ?? null,
    // Owners are often set in the console; a sync that does not send one keeps it.
    owner: body.owner === undefined ? (existing?.owner ?? null) : body.owner,
    updatedAt: now,
  };
  if (!existing) {
    const id = newId("acct");
    const [[account]] = await recordChange(db, { tenantId, accountId: id }, [
      db
        .insert(accounts)
        .values({ id, tenantId, externalId, createdAt: now, ...fields })
        .onConflictDoUpdate({ target: [accounts.tenantId, accounts.externalId], set: fields })
        .returning(),
    ]);
    // Lost a race with a concurrent create: the row that won is the one that changed.
    if (account!.id !== id) await recordChange(db, { tenantId, accountId: account!.id }, []);
    return { account: account!, created: account!.id === id };
  }
  const terms = existing.timezone === body.timezone ? [] : await db.query.contractTerms.findMany({ where: eq(contractTerms.accountId, existing.id) });
  // Another zone or segment moves or changes the reminder timeline: plan the terms again.
  const replan = existing.timezone !== body.timezone || existing.segment !== fields.segment;
  const [[account]] = await recordChange(db, { tenantId, accountId: existing.id }, [
    db.update(accounts).set(fields).where(eq(accounts.id, existing.id)).returning(),
    ...terms.map((term) =>
      db
        .update(contractTerms)
        .set({ contractEndsAt: contractEndsAt(term.endDate, body.timezone), nextReminderAt: 0, updatedAt: now })
        .where(eq(contractTerms.id, term.id)),
    ),
    ...(replan && terms.length === 0 ? [db.update(contractTerms).set({ nextReminderAt: 0 }).where(eq(contractTerms.accountId, existing.id))] : []),
  ]);
  return { account: account!, created: false };
}
