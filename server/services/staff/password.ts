import { scryptAsync } from "@noble/hashes/scrypt.js";

/**
 * scrypt (RFC 7914). The same hash verifies on Node and on Workers: Node's own scrypt (native,
 * off the event loop, about 20 times faster) where the runtime has it, else @noble/hashes in
 * pure JS (WebCrypto has no scrypt and caps PBKDF2 iterations). Parameters are one of OWASP's
 * listed scrypt settings (N=2^14, r=8, p=5: 16 MiB, fits a Worker's memory).
 */
const PARAMS = { N: 2 ** 14, r: 8, p: 5, dkLen: 32 } as const;

type ScryptParams = { N: number; r: number; p: number; dkLen: number };
type Scrypt = (password: Uint8Array, salt: Uint8Array, params: ScryptParams) => Promise<Uint8Array>;

let native: Promise<Scrypt | null> | undefined;

function nativeScrypt(): Promise<Scrypt | null> {
  native ??= import("node:crypto")
    .then((crypto): Scrypt | null =>
      typeof crypto.scrypt !== "function"
        ? null
        : (password, salt, { N, r, p, dkLen }) =>
            new Promise((done, fail) =>
              crypto.scrypt(password, salt, dkLen, { N, r, p, maxmem: 256 * N * r + 1024 * 1024 }, (error, key) =>
                error ? fail(error) : done(new Uint8Array(key)),
              ),
            ),
    )
    .catch(() => null);
  return native;
}

/** scrypt with the runtime's own implementation when it has a working one, else pure JS. */
export async function deriveKey(password: Uint8Array, salt: Uint8Array, params: ScryptParams): Promise<Uint8Array> {
  const fast = await nativeScrypt();
  if (fast) {
    try {
      return await fast(password, salt, params);
    } catch {
      // A runtime whose scrypt refuses these parameters: the portable one below.
    }
  }
  return scryptAsync(password, salt, params);
}

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
  const hash = await deriveKey(new TextEncoder().encode(password), salt, PARAMS);
  return `scrypt$${PARAMS.N}$${PARAMS.r}$${PARAMS.p}$${toBase64(salt)}$${toBase64(hash)}`;
}

/** Constant-time check of a password against a stored hash (parameters are read from it). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  if (scheme !== "scrypt" || !n || !r || !p || !salt || !hash) return false;
  const expected = fromBase64(hash);
  const actual = await deriveKey(new TextEncoder().encode(password), fromBase64(salt), { N: Number(n), r: Number(r), p: Number(p), dkLen: expected.length });
  let diff = actual.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (actual[i] ?? 0) ^ expected[i]!;
  return diff === 0;
}
