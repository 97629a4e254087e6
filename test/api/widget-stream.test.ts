import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { createTestContext, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterEach(() => ctx.close());

function token(over: { acct?: string; exp?: number } = {}): Promise<string> {
  return signUserToken(
    { sub: "u1", acct: over.acct ?? "acme", role: "admin", exp: over.exp ?? Math.floor(ctx.clock.now / 1000) + 3600 },
    ctx.tenant.identitySecret,
  );
}

async function open(userToken: string): Promise<Response> {
  return ctx.app.request("/v1/widget/stream", {
    method: "POST",
    headers: { "content-type": "text/plain;charset=UTF-8", origin: "https://app.example" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
  });
}

/** Reads the stream line by line. */
function lines(res: Response): { next(): Promise<string | null>; cancel(): Promise<void> } {
  const reader = res.body!.getReader();
  const decoder = new TextDecoder();
  let buffer = "";
  return {
    async next() {
      for (;;) {
        const at = buffer.indexOf("\n");
        if (at >= 0) {
          const line = buffer.slice(0, at);
          buffer = buffer.slice(at + 1);
          return line;
        }
        const { done, value } = await reader.read();
        if (done) return null;
        buffer += decoder.decode(value, { stream: true });
      }
    },
    cancel: () => reader.cancel(),
  };
}

describe("POST /v1/widget/stream", () => {
  it("says ready, then change after a grant, a contract PUT and a settings change of the tenant", async () => {
    const res = await open(await token());
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/event-stream");
    expect(res.headers.get("access-control-allow-origin")).toBe("https://app.example");
    const stream = lines(res);
    expect(await stream.next()).toBe("ready");
    const grant = await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "time", hours: 36, reason: "support" } });
    expect(grant.status, await grant.clone().text()).toBe(201);
    expect(await stream.next()).toBe("change");
    await ctx.call("PUT", "/v1/accounts/acme/contract", { body: { seats: 10, startDate: "2026-01-01", endDate: "2027-06-30" } });
    expect(await stream.next()).toBe("change");
    await ctx.call("PATCH", "/v1/settings", { body: { productName: "Planboard" } });
    expect(await stream.next()).toBe("change");
    await stream.cancel();
  });

  it("does not tell one tenant's widgets about another tenant's writes", async () => {
    const other = await ctx.createTenant("Other");
    const stream = lines(await open(await token()));
    expect(await stream.next()).toBe("ready");
    await ctx.call("PUT", "/v1/accounts/elsewhere", { key: other.secretKey, body: { name: "Elsewhere", timezone: "UTC" } });
    await ctx.call("POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 2, reason: "gift" } });
    // The first line after ready is this tenant's change; the other tenant's write sent nothing.
    expect(await stream.next()).toBe("change");
    await stream.cancel();
  });

  it("ends when the user token expires, so the widget reconnects with a fresh one", async () => {
    const stream = lines(await open(await token({ exp: Math.floor(ctx.clock.now / 1000) + 1 })));
    expect(await stream.next()).toBe("ready");
    expect(await stream.next()).toBeNull();
  });

  it("refuses bad tokens (with CORS, so the page reads why), unknown accounts and tokens in anything but the body", async () => {
    const expired = await open(await token({ exp: Math.floor(ctx.clock.now / 1000) - 120 }));
    expect(expired.status).toBe(401);
    expect(expired.headers.get("access-control-allow-origin")).toBe("https://app.example");
    expect(((await expired.json()) as { error: { code: string } }).error.code).toBe("token_expired");
    const unknown = await open(await token({ acct: "nobody" }));
    expect(unknown.status).toBe(404);
    const empty = await ctx.app.request("/v1/widget/stream", { method: "POST", headers: { "content-type": "text/plain" }, body: "{}" });
    expect(empty.status).toBe(400);
  });
});
