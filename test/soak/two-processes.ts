import { join } from "node:path";
import { createTestContext, seedAccount } from "../support/api.ts";
import { spawnServer } from "../support/processes.ts";
import type { ServerProcess } from "../support/processes.ts";
import { call, sleep } from "./support.ts";
import type { SoakRow } from "./support.ts";

const WRITERS = 8;
const ROUNDS = 10;
const EVENTS = 50;

/** Two server processes on one database file, 8 writers each over events, grants and settings. */
export async function twoProcesses(): Promise<SoakRow[]> {
  const ctx = await createTestContext({ now: new Date().toISOString() });
  const servers: ServerProcess[] = [];
  try {
    for (let i = 0; i < 2 * WRITERS; i++)
      await seedAccount(ctx, `acct-${i}`, { name: `Account ${i}`, timezone: "UTC" }, { seats: 100, startDate: "2026-01-01", endDate: "2027-12-31" });
    const url = `file:${join(ctx.dir, "tenure.db")}`;
    servers.push(...(await Promise.all([spawnServer(url), spawnServer(url)])));
    const key = ctx.tenant.secretKey;
    const statuses: number[] = [];
    let accepted = 0;
    let grants = 0;
    const writer = async (server: ServerProcess, index: number): Promise<void> => {
      for (let round = 0; round < ROUNDS; round++) {
        const events = Array.from({ length: EVENTS }, (_, n) => ({
          id: `p${index}-r${round}-e${n}`,
          accountId: `acct-${index}`,
          userId: `u${n % 5}`,
          name: "session",
        }));
        const ingested = await call(server.url, key, "POST", "/v1/events", { events });
        statuses.push(ingested.status);
        if (ingested.status === 202) accepted += ingested.json.accepted;
        const grant = await call(server.url, key, "POST", `/v1/accounts/acct-${index}/grants`, { type: "seats", seats: 1, reason: `round ${round}` });
        statuses.push(grant.status);
        if (grant.status === 201) grants++;
        statuses.push((await call(server.url, key, "PATCH", "/v1/settings", { productName: `Writer ${index} round ${round}` })).status);
      }
    };
    const started = performance.now();
    await Promise.all(servers.flatMap((server, s) => Array.from({ length: WRITERS }, (_, w) => writer(server, s * WRITERS + w))));
    const seconds = (performance.now() - started) / 1000;
    const counts = (
      await ctx.client.execute(
        "SELECT (SELECT count(*) FROM usage_events) AS events, (SELECT count(DISTINCT event_id) FROM usage_events) AS distinct_events, (SELECT count(*) FROM grants WHERE reason LIKE 'round %') AS grants, (SELECT COALESCE(sum(count), 0) FROM usage_daily WHERE kind = 'event') AS rolled",
      )
    ).rows[0]!;
    // Read-after-write across processes: a grant through one, seen by the other.
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const before = (await call(b.url, key, "GET", "/v1/accounts/acct-0/entitlement")).json.seats.licensed as number;
    const wrote = performance.now();
    await call(a.url, key, "POST", "/v1/accounts/acct-0/grants", { type: "seats", seats: 3, reason: "cross-process read" });
    let lagMs = -1;
    while (performance.now() - wrote < 5_000) {
      if ((await call(b.url, key, "GET", "/v1/accounts/acct-0/entitlement")).json.seats.licensed === before + 3) {
        lagMs = performance.now() - wrote;
        break;
      }
      await sleep(20);
    }
    const fivexx = statuses.filter((status) => status >= 500).length;
    const expected = 2 * WRITERS * ROUNDS * EVENTS;
    const stored = Number(counts.events);
    return [
      { scenario: "two processes, one file", figure: `${statuses.length} writes in ${seconds.toFixed(1)} s, ${fivexx} 5xx`, ok: fivexx === 0 },
      {
        scenario: "two processes, one file",
        figure: `events acknowledged ${accepted}, stored ${stored} (distinct ${counts.distinct_events}), rolled up ${counts.rolled}, of ${expected}`,
        ok: accepted === expected && stored === expected && Number(counts.distinct_events) === expected && Number(counts.rolled) === expected,
      },
      {
        scenario: "two processes, one file",
        figure: `grants acknowledged ${grants}, stored ${counts.grants}`,
        ok: grants === 2 * WRITERS * ROUNDS && Number(counts.grants) === grants,
      },
      {
        scenario: "two processes, one file",
        figure: `read-after-write across processes: ${lagMs < 0 ? "not seen in 5 s" : `${lagMs.toFixed(0)} ms`}`,
        ok: lagMs >= 0 && lagMs <= 1_000,
      },
    ];
  } finally {
    await Promise.all(servers.map((server) => server.stop()));
    await ctx.close();
  }
}
