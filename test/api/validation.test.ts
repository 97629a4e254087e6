import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestContext, dbFingerprint, seedAccount } from "../support/api.ts";
import type { TestContext } from "../support/api.ts";

let ctx: TestContext;
beforeAll(async () => {
  ctx = await createTestContext();
  await seedAccount(ctx, "acme", { name: "Acme", timezone: "Asia/Shanghai" }, { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" });
});
afterAll(async () => ctx.close());

const validContract = { seats: 10, startDate: "2026-01-01", endDate: "2026-12-31" };
const deep = "[".repeat(10_000) + "]".repeat(10_000);

type Case = [name: string, method: string, path: string, options: { body?: unknown; raw?: string; headers?: Record<string, string> }, status: number];
const cases: Case[] = [
  ["a name of the wrong type", "PUT", "/v1/accounts/acme", { body: { name: 42, timezone: "UTC" } }, 400],
  ["an unknown time zone", "PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "Mars/Olympus" } }, 400],
  ["an offset instead of a zone name", "PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "+08:00x" } }, 400],
  ["an unknown segment", "PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "UTC", segment: "vip" } }, 400],
  ["an unknown field", "PUT", "/v1/accounts/acme", { body: { name: "Acme", timezone: "UTC", tenantId: "ten_other" } }, 400],
  ["an over-long account id", "PUT", `/v1/accounts/${"a".repeat(129)}`, { body: { name: "Acme", timezone: "UTC" } }, 400],
  ["an account id with forbidden characters", "PUT", "/v1/accounts/acme%20corp", { body: { name: "Acme", timezone: "UTC" } }, 400],
  ["an impossible date", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, endDate: "2026-02-30" } }, 400],
  ["a reversed term", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, startDate: "2027-01-01" } }, 400],
  ["a date with a time", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, endDate: "2026-12-31T00:00:00Z" } }, 400],
  ["negative seats", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, seats: -1 } }, 400],
  ["fractional seats", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, seats: 2.5 } }, 400],
  ["seats as a string", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, seats: "10" } }, 400],
  ["an unknown lock mode", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, lockMode: "brick" } }, 400],
  ["negative grace", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, graceHours: -1 } }, 400],
  ["a lowercase currency", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, amount: { value: 100, currency: "cny" } } }, 400],
  ["a fractional amount", "PUT", "/v1/accounts/acme/contract", { body: { ...validContract, amount: { value: 1.5, currency: "CNY" } } }, 400],
  ["a time grant with both days and hours", "POST", "/v1/accounts/acme/grants", { body: { type: "time", days: 1, hours: 1, reason: "x" } }, 400],
  ["a time grant with neither", "POST", "/v1/accounts/acme/grants", { body: { type: "time", reason: "x" } }, 400],
  ["negative gift days", "POST", "/v1/accounts/acme/grants", { body: { type: "time", days: -3, reason: "x" } }, 400],
  ["fractional bonus seats", "POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 0.5, reason: "x" } }, 400],
  ["a grant without a reason", "POST", "/v1/accounts/acme/grants", { body: { type: "seats", seats: 1 } }, 400],
  ["an unknown grant type", "POST", "/v1/accounts/acme/grants", { body: { type: "money", amount: 1, reason: "x" } }, 400],
  [
    "a seat grant that expired already",
    "POST",
    "/v1/accounts/acme/grants",
    { body: { type: "seats", seats: 1, reason: "x", expiresAt: "2020-01-01T00:00:00Z" } },
    400,
  ],
  ["malformed JSON", "PUT", "/v1/accounts/acme", { raw: '{"name": "Acme",' }, 400],
  ["a JSON array body", "PUT", "/v1/accounts/acme", { body: [1, 2] }, 400],
  ["deeply nested JSON", "PUT", "/v1/accounts/acme", { raw: deep }, 400],
  ["an oversized body", "PUT", "/v1/accounts/acme", { raw: JSON.stringify({ name: "x".repeat(2_000_000), timezone: "UTC" }) }, 413],
  [
    "a declared Content-Length over the limit",
    "PUT",
    "/v1/accounts/acme",
    { raw: JSON.stringify({ name: "Acme", timezone: "UTC" }), headers: { "content-length": "2000000" } },
    413,
  ],
  ["a body that is not JSON", "PUT", "/v1/accounts/acme", { raw: "name=Acme", headers: { "content-type": "application/x-www-form-urlencoded" } }, 415],
  ["a bad ?at instant", "GET", "/v1/accounts/acme/entitlement?at=tomorrow", {}, 400],
  ["an ?at without an offset", "GET", "/v1/accounts/acme/entitlement?at=2026-12-31T00:00:00", {}, 400],
  ["an unknown query parameter", "GET", "/v1/accounts/acme/entitlement?tenant=ten_x", {}, 400],
];

describe("bad input", () => {
  it.each(cases)("answers %s with a 4xx in the error shape and writes nothing", async (_name, method, path, options, status) => {
    const before = await dbFingerprint(ctx);
    const res = await ctx.call(method, path, options);
    const text = await res.text();
    expect(res.status, text).toBe(status);
    const body = JSON.parse(text);
    expect(Object.keys(body)).toEqual(["error"]);
    expect(body.error.code).toMatch(/^[a-z_]+$/);
    expect(body.error.message.length).toBeGreaterThan(0);
    expect(body.error.requestId).toMatch(/^req_/);
    expect(res.headers.get("x-request-id")).toBe(body.error.requestId);
    expect(await dbFingerprint(ctx)).toBe(before);
  });

  it("answers an unknown route with a 404 in the error shape", async () => {
    const res = await ctx.call("GET", "/v1/nothing-here");
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("not_found");
  });
});
