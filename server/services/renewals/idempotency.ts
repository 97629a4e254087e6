import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { idempotencyKeys } from "../../db/schema/index.ts";
import { sha256Hex } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";

export interface StoredAnswer {
  status: number;
  body: Record<string, unknown>;
}

/**
 * Runs `work` once per `Idempotency-Key`: a key seen before replays its first successful
 * answer (status and body) without running anything; the same key with a different request
 * is a 409. Errors are not stored, so a request that failed can be retried with its key.
 * Two concurrent requests with one key may both run `work` — which must itself be idempotent
 * (a renewal start answers the term's open renewal) — and both answer the stored first answer.
 */
export async function withIdempotencyKey(
  db: Db,
  input: { tenantId: string; key: string | null; request: string; now: number },
  work: () => Promise<StoredAnswer>,
): Promise<StoredAnswer> {
  if (input.key === null) return work();
  const fingerprint = await sha256Hex(input.request);
  const where = and(eq(idempotencyKeys.tenantId, input.tenantId), eq(idempotencyKeys.key, input.key));
  const seen = await db.query.idempotencyKeys.findFirst({ where });
  if (seen) return replay(seen, fingerprint);
  const answer = await work();
  if (answer.status >= 300) return answer;
  await db
    .insert(idempotencyKeys)
    .values({ tenantId: input.tenantId, key: input.key, fingerprint, status: answer.status, body: JSON.stringify(answer.body), createdAt: input.now })
    .onConflictDoNothing();
  return replay((await db.query.idempotencyKeys.findFirst({ where }))!, fingerprint);
}

function replay(row: typeof idempotencyKeys.$inferSelect, fingerprint: string): StoredAnswer {
  if (row.fingerprint !== fingerprint) {
    throw new TenureError("conflict", "this Idempotency-Key was already used for a different request");
  }
  return { status: row.status, body: JSON.parse(row.body) as Record<string, unknown> };
}
