/**
 * End-user identity: HS256 JWTs minted by the vendor's backend with the tenant's
 * `identitySecret`. The algorithm is pinned (no `alg:none`, no RS/HS confusion), `exp` is
 * required and at most 24 h ahead, and clocks may disagree by a small tolerance.
 */
export interface UserClaims {
  sub: string;
  acct: string;
  role: "admin" | "member";
  exp: number;
  iat?: number;
  name?: string;
  email?: string;
}

export const MAX_TOKEN_LIFETIME_SECONDS = 24 * 3600;
export const CLOCK_TOLERANCE_SECONDS = 60;
const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

export type VerifyResult = { ok: true; claims: UserClaims } | { ok: false; reason: string };

function base64url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

function hmacKey(secret: string, usage: "sign" | "verify"): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [usage]);
}

function parseJson(bytes: Uint8Array | null): unknown {
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    return null;
  }
}

/**
 * Mints a user token — what a vendor backend does. Used by the demo and tests.
 * @example const token = await signUserToken({ sub: "u1", acct: "acme", role: "admin", exp }, identitySecret);
 */
export async function signUserToken(claims: UserClaims, identitySecret: string): Promise<string> {
  const encoder = new TextEncoder();
  const header = base64url(encoder.encode(JSON.stringify({ alg: "HS256", typ: "JWT" })));
  const payload = base64url(encoder.encode(JSON.stringify(claims)));
  const signature = await crypto.subtle.sign("HMAC", await hmacKey(identitySecret, "sign"), encoder.encode(`${header}.${payload}`));
  return `${header}.${payload}.${base64url(new Uint8Array(signature))}`;
}

/**
 * Tokens whose signature already checked out, by secret and token. A widget sends the same
 * token with every call for hours; the HMAC is computed once and the claims (expiry above
 * all) are checked again on every use.
 */
const verifiedSignatures = new Map<string, Record<string, unknown>>();
const MAX_REMEMBERED = 10_000;

/** Verifies a user token at `nowMs`; never throws. */
export async function verifyUserToken(token: string, identitySecret: string, nowMs: number): Promise<VerifyResult> {
  if (token.length > 4096) return { ok: false, reason: "token too long" };
  const memoKey = `${identitySecret}\u0000${token}`;
  const remembered = verifiedSignatures.get(memoKey);
  if (remembered) return checkClaims(remembered, nowMs / 1000);
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "not a JWT" };
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = parseJson(fromBase64url(headerPart));
  if (!isRecord(header) || header.alg !== "HS256") return { ok: false, reason: "algorithm must be HS256" };
  const signature = fromBase64url(signaturePart);
  if (!signature || signature.length !== 32) return { ok: false, reason: "bad signature" };
  const valid = await crypto.subtle.verify(
    "HMAC",
    await hmacKey(identitySecret, "verify"),
    signature,
    new TextEncoder().encode(`${headerPart}.${payloadPart}`),
  );
  if (!valid) return { ok: false, reason: "bad signature" };
  const claims = parseJson(fromBase64url(payloadPart));
  if (!isRecord(claims)) return { ok: false, reason: "bad payload" };
  if (verifiedSignatures.size >= MAX_REMEMBERED) verifiedSignatures.clear();
  verifiedSignatures.set(memoKey, claims);
  return checkClaims(claims, nowMs / 1000);
}

function checkClaims(claims: Record<string, unknown>, now: number): VerifyResult {
  const { sub, acct, role, exp, iat, nbf, name, email } = claims;
  if (typeof sub !== "string" || !ID_PATTERN.test(sub)) return { ok: false, reason: "sub must be a user id" };
  if (typeof acct !== "string" || !ID_PATTERN.test(acct)) return { ok: false, reason: "acct must be an account id" };
  if (role !== "admin" && role !== "member") return { ok: false, reason: "role must be admin or member" };
  if (typeof exp !== "number" || !Number.isFinite(exp)) return { ok: false, reason: "exp is required" };
  if (exp + CLOCK_TOLERANCE_SECONDS <= now) return { ok: false, reason: "token expired" };
  if (exp > now + MAX_TOKEN_LIFETIME_SECONDS + CLOCK_TOLERANCE_SECONDS) return { ok: false, reason: "exp is more than 24 h ahead" };
  if (typeof nbf === "number" && nbf - CLOCK_TOLERANCE_SECONDS > now) return { ok: false, reason: "token not yet valid" };
  if (iat !== undefined && (typeof iat !== "number" || iat - CLOCK_TOLERANCE_SECONDS > now)) return { ok: false, reason: "iat is in the future" };
  if (name !== undefined && (typeof name !== "string" || name.length > 200)) return { ok: false, reason: "bad name" };
  if (email !== undefined && (typeof email !== "string" || email.length > 320)) return { ok: false, reason: "bad email" };
  return {
    ok: true,
    claims: { sub, acct, role, exp, ...(typeof iat === "number" ? { iat } : {}), ...(name ? { name } : {}), ...(email ? { email } : {}) } as UserClaims,
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}
