import { join } from "node:path";
import { createTestContext, seedAccount } from "../support/api.ts";
import { spawnServer } from "../support/processes.ts";
import type { ServerProcess } from "../support/processes.ts";
import { call, sleep } from "./support.ts";
import type { SoakRow } from "./support.ts";

const WRITERS = 4;
const BATCH = 100;
const KILL_AFTER_MS = 3_000;

/**
 * `kill -9` while four writers send event batches; after a restart each writer resends every
 * batch it had no answer for (as a vendor's retry would). Every acknowledged event must be
 * stored once, no event twice, and the rollups must count each stored event once.
 */
export async function killDuringIngestion(): Promise<SoakRow[]> {
  const ctx = await createTestContext({ now: new Date().toISOString() });
  let server: ServerProcess | null = null;
  try {
    for (let i = 0; i < WRITERS; i++)
      await seedAccount(ctx, `acct-${i}`, { name: `Account ${i}`, timezone: "UTC" }, { seats: 100, startDate: "2026-01-01", endDate: "2027-12-31" });
    const url = `file:${join(ctx.dir, "tenure.db")}`;
    const key = ctx.tenant.secretKey;
    server = await spawnServer(url);
    const acknowledged = new Set<string>();
    const unanswered: unknown[][] = [];
    let fivexx = 0;
    let stop = false;
    const writer = async (base: string, w: number): Promise<void> => {
      for (let b = 0; !stop; b++) {
        const events = Array.from({ length: BATCH }, (_, n) => ({
          id: `w${w}-b${b}-e${n}`,
          accountId: `acct-${w}`,
          userId: `u${n % 7}`,
          name: "feature.used",
          properties: { feature: "reports" },
        }));
        try {
          const res = await call(base, key, "POST", "/v1/events", { events });
          if (res.status >= 500) fivexx++;
          if (res.status === 202) for (const event of events) acknowledged.add(event.id);
          else unanswered.push(events);
        } catch {
          unanswered.push(events); // the connection died with the process
          return;
        }
      }
    };
    const first = server;
    const writers = Array.from({ length: WRITERS }, (_, w) => writer(first.url, w));
    await sleep(KILL_AFTER_MS);
    first.child.kill("SIGKILL");
    stop = true;
    await Promise.all(writers);
    await first.stop();
    server = await spawnServer(url);
    for (const events of unanswered) {
      const res = await call(server.url, key, "POST", "/v1/events", { events });
      if (res.status >= 500) fivexx++;
      if (res.status === 202) for (const event of events as Array<{ id: string }>) acknowledged.add(event.id);
    }
    const row = (
      await ctx.client.execute(
        "SELECT count(*) AS events, count(DISTINCT event_id) AS distinct_events, (SELECT COALESCE(sum(count), 0) FROM usage_daily WHERE kind = 'event') AS rolled FROM usage_events",
      )
    ).rows[0]!;
    const stored = Number(row.events);
    const lost = [...acknowledged].length - Math.min(stored, acknowledged.size);
    return [
      {
        scenario: "kill -9 during ingestion",
        figure: `${acknowledged.size} acknowledged (${unanswered.length} batches resent after restart), ${stored} stored, ${row.distinct_events} distinct, ${row.rolled} in rollups, ${fivexx} 5xx`,
        ok: fivexx === 0 && lost === 0 && stored === acknowledged.size && Number(row.distinct_events) === stored && Number(row.rolled) === stored,
      },
    ];
  } finally {
    await server?.stop();
    await ctx.close();
  }
}
