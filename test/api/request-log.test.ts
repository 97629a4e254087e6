import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createApp } from "../../server/app.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(async () => ctx.close());

describe("request logs", () => {
  it("writes one JSON line per request with method, route, status, duration and request id, and no secrets", async () => {
    const lines: string[] = [];
    const app = createApp({ db: ctx.db, clock: () => ctx.clock.now, logRequest: (line) => lines.push(line) });
    const res = await app.request("/v1/accounts/acme/entitlement?at=2026-06-01T00:00:00Z", { headers: { authorization: `Bearer ${ctx.tenant.secretKey}` } });
    expect(res.status).toBe(200);
    const refused = await app.request("/v1/settings", {
      method: "PATCH",
      headers: { authorization: "Bearer sk_notarealkey0000000000", "content-type": "application/json" },
      body: "{}",
    });
    expect(refused.status).toBe(401);
    expect(lines).toHaveLength(2);
    const [first, second] = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(first).toMatchObject({ method: "GET", route: "/v1/accounts/:accountId/entitlement", status: 200, requestId: res.headers.get("x-request-id") });
    expect(typeof first!.durationMs).toBe("number");
    expect(second).toMatchObject({ method: "PATCH", status: 401 });
    const all = lines.join("\n");
    for (const secret of [ctx.tenant.secretKey, "sk_notarealkey", ctx.tenant.identitySecret, "2026-06-01"]) expect(all).not.toContain(secret);
  });
});
