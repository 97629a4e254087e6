import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { accountNotes, accounts, renewalDeclines } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { announceChange, changeStatements } from "../tenants/changes.ts";
import { auditInsert } from "./audit.ts";
import type { Actor } from "./audit.ts";

/** Adds a note to an account, audited. */
export async function addNote(db: Db, input: { account: AccountRow; body: string; actor: Actor; now: number }): Promise<Record<string, unknown>> {
  const row = { id: newId("note"), accountId: input.account.id, authorEmail: input.actor.email, body: input.body, createdAt: input.now };
  await db.batch([
    db.insert(accountNotes).values(row),
    auditInsert(db, input.actor, { action: "note.create", target: `account:${input.account.externalId}`, after: { id: row.id, body: row.body } }, input.now),
  ]);
  return { id: row.id, author: row.authorEmail, body: row.body, createdAt: new Date(row.createdAt).toISOString() };
}

/** Sets or clears the account's owner (a staff email or CRM id), audited. */
export async function setOwner(db: Db, input: { account: AccountRow; owner: string | null; actor: Actor; now: number }): Promise<{ owner: string | null }> {
  await db.batch([
    db.update(accounts).set({ owner: input.owner, updatedAt: input.now }).where(eq(accounts.id, input.account.id)),
    auditInsert(
      db,
      input.actor,
      { action: "account.owner", target: `account:${input.account.externalId}`, before: { owner: input.account.owner }, after: { owner: input.owner } },
      input.now,
    ),
    ...changeStatements(db, { tenantId: input.account.tenantId, accountId: input.account.id }),
  ]);
  announceChange(db, { tenantId: input.account.tenantId, accountId: input.account.id });
  return { owner: input.owner };
}

/** Closes a "don't renew" recovery case once the CSM has followed it up, audited. */
export async function closeDecline(
  db: Db,
  input: { account: AccountRow; declineId: string; actor: Actor; now: number },
): Promise<{ id: string; recoveryStatus: "closed" }> {
  const decline = await db.query.renewalDeclines.findFirst({
    where: and(eq(renewalDeclines.id, input.declineId), eq(renewalDeclines.accountId, input.account.id)),
  });
  if (!decline) throw new TenureError("not_found", "no such decline on this account");
  if (decline.recoveryStatus === "closed") throw new TenureError("conflict", "the recovery case is already closed");
  await db.batch([
    db.update(renewalDeclines).set({ recoveryStatus: "closed" }).where(eq(renewalDeclines.id, decline.id)),
    auditInsert(
      db,
      input.actor,
      {
        action: "decline.follow_up",
        target: `account:${input.account.externalId}`,
        before: { recoveryStatus: decline.recoveryStatus },
        after: { recoveryStatus: "closed" },
      },
      input.now,
    ),
  ]);
  return { id: decline.id, recoveryStatus: "closed" };
}
