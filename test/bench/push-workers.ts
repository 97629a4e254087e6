/**
 * Push latency on Workers (Miniflare, two isolates, the WidgetPush object from wrangler.toml):
 * from the answer to a time grant written through one isolate to the `change` line on a
 * widget stream opened through the other. Server side only (no browser): the Chromium
 * figure for Node is in latency.ts.
 */
import { signUserToken } from "../../server/lib/jwt.ts";
import { lines, startPushWorkers } from "../workerd/push-harness.ts";
import { figures } from "./latency.ts";
import type { LatencyFigures } from "./latency.ts";

export async function benchWorkersPush(runs = 8): Promise<LatencyFigures> {
  const w = await startPushWorkers();
  try {
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const id = `bench-push-${i}`;
      await w.lockedAccount(id);
      const userToken = await signUserToken({ sub: "u1", acct: id, role: "admin", exp: Math.floor(Date.now() / 1000) + 3600 }, w.tenant.identitySecret);
      const res = await w.call("tenure", "POST", "/v1/widget/stream", {
        headers: { "content-type": "text/plain" },
        body: JSON.stringify({ publishableKey: w.tenant.publishableKey, userToken }),
      });
      const stream = lines(res);
      if ((await stream.next()) !== "ready") throw new Error("the stream did not open");
      const grant = await w.call("tenure-b", "POST", `/v1/accounts/${id}/grants`, {
        key: w.tenant.secretKey,
        body: JSON.stringify({ type: "time", days: 30, reason: "bench" }),
      });
      if (grant.status !== 201) throw new Error(`grant: ${grant.status} ${await grant.text()}`);
      const answered = Date.now();
      if ((await stream.next()) !== "change") throw new Error("no change line");
      samples.push(Date.now() - answered);
      await stream.cancel();
    }
    return figures("push (Workers/Miniflare): grant answer → change line on another isolate's stream", samples, "≤ 2000 ms");
  } finally {
    await w.close();
  }
}
