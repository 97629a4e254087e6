import { asc, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { grants } from "../../db/schema/index.ts";
import type { Grant } from "../../../shared/entitlement/compute.ts";
import type { FeatureGrant } from "../../../shared/features/plan.ts";
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
  if (row.type === "hold") return [{ ...base, type: "hold", until: row.holdUntil ?? 0 }];
  return [];
}

/** The ledger's feature grants, each with the time a later `revoke` row took it back. */
export function toFeatureGrants(ledger: readonly GrantRow[]): FeatureGrant[] {
  const revoked = new Map<string, number>();
  for (const row of ledger) if (row.type === "revoke" && row.revokes) revoked.set(row.revokes, row.createdAt);
  return ledger.flatMap((row): FeatureGrant[] =>
    row.type === "feature" && row.feature && row.voidedAt == null
      ? [
          {
            id: row.id,
            feature: row.feature,
            enabled: row.enabled,
            limit: row.featureLimit,
            createdAt: row.createdAt,
            expiresAt: row.expiresAt,
            revokedAt: revoked.get(row.id) ?? null,
          },
        ]
      : [],
  );
}
