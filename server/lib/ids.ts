/**
 * Prefixed random ids and keys, so a leaked string says what it is (`acct_…`, `sk_…`).
 * 20 random bytes in base58 (no look-alike characters); WebCrypto works on Node and Workers.
 */
const ALPHABET = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

export type IdPrefix =
  | "ten"
  | "key"
  | "acct"
  | "term"
  | "grt"
  | "usr"
  | "seat"
  | "ren"
  | "whk"
  | "msg"
  | "chk"
  | "dcl"
  | "dlv"
  | "att"
  | "ing"
  | "sig"
  | "stf"
  | "aud"
  | "note"
  | "ofr"
  | "acc";

function randomBase58(bytes: number): string {
  const buffer = crypto.getRandomValues(new Uint8Array(bytes));
  let out = "";
  for (const byte of buffer) out += ALPHABET[byte % 58];
  return out;
}

export function newId(prefix: IdPrefix): string {
  return `${prefix}_${randomBase58(16)}`;
}

/** A secret with a prefix: `pk_…`, `sk_…`, `tis_…` (identity secret), `whsec_…`. */
export function newSecret(prefix: "pk" | "sk" | "tis"): string {
  return `${prefix}_${randomBase58(32)}`;
}

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}

let requestIdPrefix: string | undefined;
let requestCounter = 0;

/**
 * Request ids only need to be unique, not unguessable: a random per-process prefix and a
 * counter, with no call into the random source on every request. The prefix is drawn on
 * first use: Workers forbid random values in global scope.
 */
export function newRequestId(): string {
  requestIdPrefix ??= `req_${randomBase58(8)}`;
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${requestIdPrefix}${requestCounter.toString(36)}`;
}

/**
 * A fast, non-cryptographic 53-bit hash (cyrb53) as 14 hex digits — for ETags, which only
 * need to change when the content does; WebCrypto's digest is async and costs a thread hop.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ code, 2654435761);
    h2 = Math.imul(h2 ^ code, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
