/**
 * Widget push on Workers, in real workerd (Miniflare) over a real sqld, with the Durable
 * Object binding read from wrangler.toml: a widget's stream opened through one isolate hears
 * a write made through another, because both reach the tenant's WidgetPush object.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { lines, startPushWorkers } from "./push-harness.ts";
import type { PushWorkers } from "./push-harness.ts";

let w: PushWorkers | undefined;

beforeAll(async () => {
  w = await startPushWorkers();
  await w.lockedAccount("acme");
}, 120_000);

afterAll(async () => {
  await w?.close();
}, 30_000);

function stream(worker: "tenure" | "tenure-b", userToken: string): Promise<Response> {
  return w!.call(worker, "POST", "/v1/widget/stream", {
    // No Origin header: Miniflare's dev entry refuses foreign ones (CORS is tested on Node).
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ publishableKey: w!.tenant.publishableKey, userToken }),
  });
}

describe("widget push on Workers, configured by wrangler.toml", { timeout: 60_000 }, () => {
  it("declares the push object", () => {
    expect(w!.wranglerOptions.durableObjects).toMatchObject({ WIDGET_PUSH: { className: "WidgetPush" } });
  });

  it("tells a stream opened through one isolate about a grant written through another", async () => {
    const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(Date.now() / 1000) + 3600 }, w!.tenant.identitySecret);
    const res = await stream("tenure", userToken);
    expect(res.status, res.status === 200 ? "" : await res.text()).toBe(200);
    const changes = lines(res);
    expect(await changes.next()).toBe("ready");
    const grant = await w!.call("tenure-b", "POST", "/v1/accounts/acme/grants", {
      key: w!.tenant.secretKey,
      body: JSON.stringify({ type: "time", days: 30, reason: "goodwill" }),
    });
    expect(grant.status, await grant.text()).toBe(201);
    expect(await changes.next()).toBe("change");
    await changes.cancel();
  });

  it("refuses an expired token with the reason", async () => {
    const userToken = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp: Math.floor(Date.now() / 1000) - 120 }, w!.tenant.identitySecret);
    const res = await stream("tenure-b", userToken);
    expect(res.status).toBe(401);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("token_expired");
  });
});
