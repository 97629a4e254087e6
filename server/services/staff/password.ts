import { scryptAsync } from "@noble/hashes/scrypt.js";

/**
 * scrypt (RFC 7914) from @noble/hashes: pure JS, so the same hash verifies on Node and on
 * Workers (whose WebCrypto has no scrypt and caps PBKDF2 iterations). Parameters are one of
 * OWASP's listed scrypt settings (N=2^14, r=8, p=5: 16 MiB, fits a Worker's memory).
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 5, dkLen: 32 } as const;

function toBase64(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary);
}

function fromBase64(text: string): Uint8Array {
  return Uint8Array.from(atob(text), (char) => char.charCodeAt(0));
}

/** `scrypt$N$r$p$salt$hash`, salt and hash base64. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await scryptAsync(new TextEncoder().encode(password), salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Constant-time check of a password against a stored hash (parameters are read from it). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = fromBase64(hash);
  const actual = await scryptAsync(new TextEncoder().encode(password), fromBase64(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: expected.length });
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (actual[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}
