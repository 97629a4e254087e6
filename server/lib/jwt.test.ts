import { describe, expect, it } from "vitest";
import { signUserToken, verifyUserToken } from "./jwt.ts";

const secret = "tis_test-secret";
const now = Date.parse("2026-11-21T08:00:00Z");
const nowS = now / 1000;
const base = { sub: "u1", acct: "acme", role: "member" as const };

async function verify(claims: Record<string, unknown>): Promise<string> {
  const result = await verifyUserToken(await signUserToken(claims as never, secret), secret, now);
  return result.ok ? "ok" : result.reason;
}

describe("verifyUserToken", () => {
  it("accepts a token that expired within the clock tolerance", async () => {
    expect(await verify({ ...base, exp: nowS - 30 })).toBe("ok");
  });

  it("refuses a token that expired beyond the tolerance", async () => {
    expect(await verify({ ...base, exp: nowS - 61 })).toBe("token expired");
  });

  it("accepts exactly 24 hours of lifetime and refuses more", async () => {
    expect(await verify({ ...base, exp: nowS + 24 * 3600 })).toBe("ok");
    expect(await verify({ ...base, exp: nowS + 24 * 3600 + 120 })).toBe("exp is more than 24 h ahead");
  });

  it("refuses a token not valid yet and one issued in the future", async () => {
    expect(await verify({ ...base, exp: nowS + 60, nbf: nowS + 600 })).toBe("token not yet valid");
    expect(await verify({ ...base, exp: nowS + 60, iat: nowS + 600 })).toBe("iat is in the future");
  });

  it("refuses ids outside the account id alphabet", async () => {
    expect(await verify({ ...base, acct: "acme corp", exp: nowS + 60 })).toBe("acct must be an account id");
    expect(await verify({ ...base, sub: "", exp: nowS + 60 })).toBe("sub must be a user id");
  });

  it("refuses a string exp", async () => {
    expect(await verify({ ...base, exp: String(nowS + 60) })).toBe("exp is required");
  });

  it("refuses an HS512 header even with a valid HS256 signature", async () => {
    const token = await signUserToken({ ...base, exp: nowS + 60 }, secret);
    const [, payload, signature] = token.split(".");
    const header = Buffer.from(JSON.stringify({ alg: "HS512", typ: "JWT" })).toString("base64url");
    const result = await verifyUserToken(`${header}.${payload}.${signature}`, secret, now);
    expect(result).toEqual({ ok: false, reason: "algorithm must be HS256" });
  });
});
