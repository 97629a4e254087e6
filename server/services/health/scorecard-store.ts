import { eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { scorecards } from "../../db/schema/index.ts";
import { DEFAULT_SCORECARD } from "../../../shared/health/scorecard.ts";
import type { Scorecard } from "../../../shared/health/scorecard.ts";
import { recordChange } from "../tenants/changes.ts";

/** The tenant's scorecard, or the default one. */
export async function getScorecard(db: Db, tenantId: string): Promise<{ scorecard: Scorecard; isDefault: boolean }> {
  const row = await db.query.scorecards.findFirst({ where: eq(scorecards.tenantId, tenantId) });
  return row ? { scorecard: row.definition, isDefault: false } : { scorecard: DEFAULT_SCORECARD, isDefault: true };
}

/** Replaces the tenant's scorecard (validated by `scorecardPutBody`). */
export async function putScorecard(db: Db, input: { tenantId: string; scorecard: Scorecard; now: number }): Promise<Scorecard> {
  const { tenantId, scorecard, now } = input;
  await recordChange(db, { tenantId }, [
    db
      .insert(scorecards)
      .values({ tenantId, definition: scorecard, updatedAt: now })
      .onConflictDoUpdate({ target: scorecards.tenantId, set: { definition: scorecard, updatedAt: now } }),
  ]);
  return scorecard;
}
