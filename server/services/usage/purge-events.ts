import { sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { tenants } from "../../db/schema/index.ts";
import type { Job } from "../scheduler/jobs.ts";
import { readSettings } from "../tenants/settings.ts";

const JOB = "usage.purge";
const DAY = 86_400_000;
/** The purge runs at most once an hour (across processes: the run is claimed in job_cursors). */
const EVERY_MS = 3_600_000;
/** Rows per delete statement, and statements per tenant per run: a run's writes stay short. */
const CHUNK = 5_000;
const CHUNKS_PER_RUN = 20;

/**
 * Deletes raw usage events received more than the tenant's `usageEventRetentionDays` ago
 * (default 400), on the (tenant, received_at) index; the daily rollups (`usage_daily`,
 * `usage_counters`) that reads use are kept. An event id is remembered as long as its row is:
 * a batch resent after the purge would be counted again. Answers the rows deleted.
 */
export const purgeUsageEventsJob: Job = {
  name: JOB,
  async run(db: Db, now: number): Promise<number> {
    const claimed = await db.all<{ seq: number }>(sql`INSERT INTO job_cursors (job, seq) VALUES (${JOB}, ${now})
      ON CONFLICT (job) DO UPDATE SET seq = excluded.seq WHERE job_cursors.seq <= ${now - EVERY_MS}
      RETURNING seq`);
    if (claimed.length === 0) return 0;
    const rows = await db.select({ id: tenants.id, settings: tenants.settings }).from(tenants);
    let deleted = 0;
    for (const tenant of rows) {
      const cutoff = now - readSettings(tenant.settings).usageEventRetentionDays * DAY;
      for (let chunk = 0; chunk < CHUNKS_PER_RUN; chunk++) {
        const result = await db.run(sql`DELETE FROM usage_events WHERE rowid IN (
          SELECT rowid FROM usage_events WHERE tenant_id = ${tenant.id} AND received_at < ${cutoff} LIMIT ${CHUNK})`);
        deleted += result.rowsAffected;
        if (result.rowsAffected < CHUNK) break;
      }
    }
    return deleted;
  },
};
