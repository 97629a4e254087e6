import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";
import { spawnServer } from "../support/processes.ts";
import type { ServerProcess } from "../support/processes.ts";

const WRITERS = 8;
const ROUNDS = 6;
const EVENTS_PER_BATCH = 20;

let ctx: TestContext;
let servers: ServerProcess[] = [];
beforeEach(async () => {
  // Real time: the two processes use their own clocks.
  ctx = await createTestContext({ now: new Date().toISOString() });
  for (let i = 0; i < 2 * WRITERS; i++) {
    await seedAccount(ctx, `acct-${i}`, { name: `Account ${i}`, timezone: "UTC" }, { seats: 100, startDate: "2026-01-01", endDate: "2027-12-31" });
  }
});
afterEach(async () => {
  await Promise.all(servers.map((server) => server.stop()));
  servers = [];
  await ctx.close();
});

async function send(base: string, method: string, path: string, body: unknown): Promise<{ status: number; json: any }> {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${ctx.tenant.secretKey}`, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : null };
}

describe("two server processes, one database file", () => {
  it("answers no 5xx to 8 writers each over events, grants, renewals and settings, and keeps every acknowledged write once", async () => {
    const url = `file:${join(ctx.dir, "tenure.db")}`;
    servers = await Promise.all([spawnServer(url), spawnServer(url)]);
    const statuses: number[] = [];
    let acceptedEvents = 0;
    let grantsMade = 0;
    const renewalIds = new Set<string>();
    const writer = async (server: ServerProcess, index: number, writerNo: number): Promise<void> => {
      const account = `acct-${index}`;
      for (let round = 0; round < ROUNDS; round++) {
        const events = Array.from({ length: EVENTS_PER_BATCH }, (_, n) => ({
          id: `p${index}-r${round}-e${n}`,
          accountId: account,
          userId: `u${n % 3}`,
          name: "feature.used",
          properties: { feature: "reports" },
        }));
        const ingested = await send(server.url, "POST", "/v1/events", { events });
        statuses.push(ingested.status);
        if (ingested.status === 202) acceptedEvents += ingested.json.accepted;
        const grant = await send(server.url, "POST", `/v1/accounts/${account}/grants`, { type: "seats", seats: 1, reason: `round ${round}` });
        statuses.push(grant.status);
        if (grant.status === 201) grantsMade++;
        const settings = await send(server.url, "PATCH", "/v1/settings", { productName: `Writer ${writerNo} round ${round}` });
        statuses.push(settings.status);
      }
      const renewal = await send(server.url, "POST", `/v1/accounts/${account}/renewals`, {});
      statuses.push(renewal.status);
      if (renewal.status === 201) renewalIds.add(renewal.json.id);
    };
    await Promise.all(servers.flatMap((server, s) => Array.from({ length: WRITERS }, (_, w) => writer(server, s * WRITERS + w, w))));

    expect(
      statuses.filter((status) => status >= 500),
      statuses.join(","),
    ).toEqual([]);
    const counts = await ctx.client.execute(
      "SELECT (SELECT count(*) FROM usage_events) AS events, (SELECT count(DISTINCT event_id) FROM usage_events) AS distinct_events, (SELECT count(*) FROM grants WHERE type = 'seats') AS grants, (SELECT count(*) FROM renewals) AS renewals",
    );
    const row = counts.rows[0]!;
    expect(Number(row.events)).toBe(acceptedEvents);
    expect(Number(row.distinct_events)).toBe(acceptedEvents);
    expect(acceptedEvents).toBe(2 * WRITERS * ROUNDS * EVENTS_PER_BATCH);
    expect(Number(row.grants)).toBe(grantsMade);
    expect(grantsMade).toBe(2 * WRITERS * ROUNDS);
    expect(Number(row.renewals)).toBe(renewalIds.size);
  }, 120_000);

  it("shows a grant written through one process in the other's reads within about a second", async () => {
    const url = `file:${join(ctx.dir, "tenure.db")}`;
    servers = await Promise.all([spawnServer(url), spawnServer(url)]);
    const [a, b] = servers as [ServerProcess, ServerProcess];
    const read = async (): Promise<number> => (await send(b.url, "GET", "/v1/accounts/acct-0/entitlement", undefined)).json.seats.licensed;
    expect(await read()).toBe(100); // remembered by B
    const grant = await send(a.url, "POST", "/v1/accounts/acct-0/grants", { type: "seats", seats: 5, reason: "via A" });
    expect(grant.status).toBe(201);
    await vi.waitFor(async () => expect(await read()).toBe(105), { timeout: 3_000, interval: 100 });
  }, 60_000);
});
