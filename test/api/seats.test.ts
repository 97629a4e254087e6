import { sql } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { signUserToken } from "../../server/lib/jwt.ts";
import { findUser } from "../../server/services/users/record-user.ts";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeEach(async () => {
  ctx = await createTestContext({ now: "2026-11-21T08:00:00.000Z" });
});
afterEach(async () => ctx.close());

async function visit(sub: string, role: "admin" | "member" = "member"): Promise<any> {
  ctx.clock.now += 2000;
  const userToken = await signUserToken(
    { sub, acct: "acme", role, name: sub.toUpperCase(), exp: Math.floor(ctx.clock.now / 1000) + 3600 },
    ctx.tenant.identitySecret,
  );
  const res = await ctx.app.request("/v1/widget/bootstrap", {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken }),
  });
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return JSON.parse(text);
}

async function widget(path: string, sub: string, role: "admin" | "member", extra: Record<string, unknown> = {}): Promise<Response> {
  const userToken = await signUserToken({ sub, acct: "acme", role, exp: Math.floor(ctx.clock.now / 1000) + 3600 }, ctx.tenant.identitySecret);
  return ctx.app.request(`/v1/widget${path}`, {
    method: "POST",
    headers: { "content-type": "text/plain" },
    body: JSON.stringify({ publishableKey: ctx.tenant.publishableKey, userToken, ...extra }),
  });
}

async function seats(): Promise<any> {
  const res = await ctx.call("GET", "/v1/accounts/acme/entitlement");
  return (await res.json()).seats;
}

async function limitEvents(): Promise<Array<Record<string, any>>> {
  const rows = await ctx.db.all<{ payload: string }>(sql`SELECT payload FROM webhook_messages WHERE type = 'seats.limit_reached' ORDER BY created_at`);
  return rows.map((row) => (typeof row.payload === "string" ? JSON.parse(row.payload) : row.payload).data);
}

describe("seat policy", () => {
  it("gives every user a seat under allow (the default), and shows the overage", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31" });
    for (const sub of ["a", "b", "c"]) expect((await visit(sub)).user.seated).toBe(true);
    expect(await seats()).toMatchObject({ licensed: 2, used: 3, policy: "allow", limit: null, overage: 1 });
    expect(await limitEvents()).toEqual([]);
  });

  it("blocks a user beyond the licensed seats, fires seats.limit_reached once per crossing, and seats them after a release", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31", seatPolicy: "block" });
    expect((await visit("admin", "admin")).user.seated).toBe(true);
    expect((await visit("b")).user.seated).toBe(true);
    const refused = await visit("c");
    expect(refused.user.seated).toBe(false);
    expect((await visit("c")).user.seated).toBe(false);
    expect((await visit("d")).user.seated).toBe(false);
    expect(await seats()).toMatchObject({ licensed: 2, used: 2, policy: "block", limit: 2, overage: 0 });
    expect(await limitEvents()).toEqual([
      expect.objectContaining({ accountId: "acme", policy: "block", licensed: 2, limit: 2, used: 2, overage: false, refusedUserId: "c" }),
    ]);

    // The admin sees the holders and releases one from the widget; members may not.
    const listed = await (await widget("/seats", "admin", "admin")).json();
    expect(listed.holders.map((h: { userId: string }) => h.userId).sort()).toEqual(["admin", "b"]);
    expect(listed.holders[0]).toMatchObject({ name: expect.any(String), lastActiveAt: expect.any(Number) });
    expect((await widget("/seats", "b", "member")).status).toBe(403);
    expect((await widget("/seats/release", "b", "member", { userId: "admin" })).status).toBe(403);
    const released = await widget("/seats/release", "admin", "admin", { userId: "b" });
    expect(await released.json()).toEqual({ userId: "b", released: true });
    expect(await seats()).toMatchObject({ used: 1 });

    // Room again: the next new visitor takes the seat; the next refusal is a new crossing.
    expect((await visit("c")).user.seated).toBe(true);
    expect((await visit("b")).user.seated).toBe(false);
    expect(await limitEvents()).toHaveLength(2);
  });

  it("releases a seat from the API; the released user takes a seat again on their next visit when there is room", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 1, startDate: "2026-01-01", endDate: "2026-12-31", seatPolicy: "block" });
    await visit("a");
    const res = await ctx.call("DELETE", "/v1/accounts/acme/users/a/seat");
    expect(await res.json()).toEqual({ userId: "a", released: true, seated: false });
    expect(await (await ctx.call("DELETE", "/v1/accounts/acme/users/a/seat")).json()).toMatchObject({ released: false });
    expect((await ctx.call("GET", "/v1/accounts/acme/seats").then((r) => r.json())).data).toEqual([]);
    expect((await visit("a")).user.seated).toBe(true);
    expect((await ctx.call("DELETE", "/v1/accounts/acme/users/nobody/seat")).status).toBe(404);
    expect((await ctx.call("DELETE", "/v1/accounts/acme/users/bad%20id/seat")).status).toBe(400);
  });

  it("allows overage seats up to licensed + overageSeats, flagged in the entitlement and the webhook", async () => {
    await seedAccount(
      ctx,
      "acme",
      { name: "Acme", timezone: "UTC" },
      { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31", seatPolicy: "overage", overageSeats: 1 },
    );
    for (const sub of ["a", "b", "c"]) expect((await visit(sub)).user.seated).toBe(true);
    expect((await visit("d")).user.seated).toBe(false);
    expect(await seats()).toMatchObject({ licensed: 2, used: 3, policy: "overage", limit: 3, overage: 1 });
    const events = await limitEvents();
    expect(events).toEqual([
      expect.objectContaining({ policy: "overage", licensed: 2, limit: 3, used: 3, overage: true, seatedUserId: "c" }),
      expect.objectContaining({ policy: "overage", limit: 3, used: 3, overage: true, refusedUserId: "d" }),
    ]);
  });

  it("recognises a seated user as seated, and a released one as not", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31", seatPolicy: "block" });
    await visit("a");
    await visit("b");
    const [account] = await ctx.db.all<{ id: string }>(sql`SELECT id FROM accounts WHERE external_id = 'acme'`);
    expect((await findUser(ctx.db, account!.id, "a"))?.seated).toBe(true);
    expect((await findUser(ctx.db, account!.id, "b"))?.seated).toBe(true);
    await ctx.call("DELETE", "/v1/accounts/acme/users/a/seat");
    expect((await findUser(ctx.db, account!.id, "a"))?.seated).toBe(false);
    expect((await findUser(ctx.db, account!.id, "b"))?.seated).toBe(true);
    expect(await findUser(ctx.db, account!.id, "nobody")).toBeUndefined();
  });

  it("answers a seated user's repeat visit without writing anything", async () => {
    await seedAccount(ctx, "acme", { name: "Acme", timezone: "UTC" }, { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31", seatPolicy: "block" });
    expect((await visit("a")).user.seated).toBe(true);
    const before = await dbFingerprint(ctx);
    expect((await visit("a")).user.seated).toBe(true);
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("refuses a bad seat policy with a 400 that writes nothing", async () => {
    await ctx.call("PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "UTC" } });
    const before = await dbFingerprint(ctx);
    for (const extra of [
      { seatPolicy: "sometimes" },
      { seatPolicy: "overage" },
      { seatPolicy: "block", overageSeats: 2 },
      { seatPolicy: "overage", overageSeats: 0 },
    ]) {
      const res = await ctx.call("PUT", "/v1/accounts/acme/contract", { body: { seats: 2, startDate: "2026-01-01", endDate: "2026-12-31", ...extra } });
      expect(res.status, JSON.stringify(extra)).toBe(400);
    }
    expect(await dbFingerprint(ctx)).toBe(before);
  });
});
