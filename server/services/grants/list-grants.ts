import { asc, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import type { Grant } from "../../../shared/entitlement/compute.ts";
import type { GrantRow } from "./create-grant.ts";

const reads = perDb((db) => ({
  ledger: db
    .select()
    .from(grants)
    .where(eq(grants.accountId, sql.placeholder("accountId")))
    .orderBy(asc(grants.createdAt), asc(grants.id))
    .prepare(),
}));

/** The account's whole ledger, oldest first. Read on every entitlement, so prepared once. */
export async function listGrants(db: Db, accountId: string): Promise<GrantRow[]> {
  return reads(db).ledger.all({ accountId });
}

/** A ledger row as the domain sees it: time grants and holds count for the term they were given in; seat grants until they expire. */
export function toDomainGrant(row: GrantRow, termId: string): Grant[] {
  const base = { id: row.id, createdAt: row.createdAt, voidedAt: row.voidedAt };
  if (row.type === "seats") return [{ ...base, type: "seats", seats: row.seats ?? 0, expiresAt: row.expiresAt }];
  if (row.termId !== termId) return [];
  if (row.type === "time") return [{ ...base, type: "time", days: row.days, hours: row.hours }];
  return [{ ...base, type: "hold", until: row.holdUntil ?? 0 }];
}
