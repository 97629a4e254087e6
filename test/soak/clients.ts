import { connect } from "node:net";
import type { Socket } from "node:net";
import { join } from "node:path";
import autocannon from "autocannon";
import { createTestContext, seedAccount } from "../support/api.ts";
import { spawnServer } from "../support/processes.ts";
import type { ServerProcess } from "../support/processes.ts";
import { call, percentile, rssMb, sleep } from "./support.ts";
import type { SoakRow } from "./support.ts";

const SLOW_CLIENTS = 1_000;
const REQUESTS = 100_000;

/**
 * 1,000 clients that send headers and then a body one byte at a time, held while ordinary
 * reads go on; then memory of the server process before and after 100,000 requests.
 */
export async function clientsAndMemory(): Promise<SoakRow[]> {
  const ctx = await createTestContext({ now: new Date().toISOString() });
  let server: ServerProcess | null = null;
  const sockets: Socket[] = [];
  try {
    for (let i = 0; i < 20; i++)
      await seedAccount(ctx, `acct-${i}`, { name: `Account ${i}`, timezone: "UTC" }, { seats: 100, startDate: "2026-01-01", endDate: "2027-12-31" });
    server = await spawnServer(`file:${join(ctx.dir, "tenure.db")}`);
    const key = ctx.tenant.secretKey;
    const { port, hostname } = new URL(server.url);
    let refused = 0;
    for (let i = 0; i < SLOW_CLIENTS; i++) {
      const socket = connect(Number(port), hostname);
      socket.on("error", () => refused++);
      socket.write(
        `POST /v1/events HTTP/1.1\r\nHost: ${hostname}\r\nAuthorization: Bearer ${key}\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{`,
      );
      sockets.push(socket);
    }
    const trickle = setInterval(() => {
      for (const socket of sockets) if (!socket.destroyed) socket.write(" ");
    }, 1_000);
    const latencies: number[] = [];
    let fivexx = 0;
    let ok = 0;
    try {
      await sleep(500);
      for (let i = 0; i < 200; i++) {
        const started = performance.now();
        const res = await call(server.url, key, "GET", `/v1/accounts/acct-${i % 20}/entitlement`);
        latencies.push(performance.now() - started);
        if (res.status >= 500) fivexx++;
        if (res.status === 200) ok++;
      }
    } finally {
      clearInterval(trickle);
    }
    const held = sockets.filter((socket) => !socket.destroyed).length;
    for (const socket of sockets) socket.destroy();
    const rows: SoakRow[] = [
      {
        scenario: "1,000 slow clients",
        figure: `${held} held open; 200 reads beside them: ${ok} × 200, p50 ${percentile(latencies, 50).toFixed(1)} ms, p99 ${percentile(latencies, 99).toFixed(1)} ms, ${fivexx} 5xx`,
        ok: ok === 200 && fivexx === 0,
      },
    ];

    const requests = Array.from({ length: 20 }, (_, i) => ({
      method: "GET",
      path: `/v1/accounts/acct-${i}/entitlement`,
      headers: { authorization: `Bearer ${key}` },
    }));
    await autocannon({ url: server.url, connections: 20, amount: 5_000, requests });
    await sleep(1_000);
    const before = rssMb(server);
    const started = performance.now();
    const result = await autocannon({ url: server.url, connections: 20, amount: REQUESTS, requests });
    const seconds = (performance.now() - started) / 1000;
    await sleep(2_000);
    const after = rssMb(server);
    rows.push({
      scenario: "memory, 100,000 requests",
      figure: `RSS ${before.toFixed(0)} MB before, ${after.toFixed(0)} MB after (${after - before >= 0 ? "+" : ""}${(after - before).toFixed(0)} MB); ${result["2xx"]} × 2xx in ${seconds.toFixed(0)} s, ${result["5xx"]} 5xx, ${result.errors} errors`,
      ok: result["5xx"] === 0 && result.errors === 0 && result["2xx"] >= REQUESTS,
    });
    void refused;
    return rows;
  } finally {
    for (const socket of sockets) socket.destroy();
    await server?.stop();
    await ctx.close();
  }
}
