/**
 * Secrets at rest: AES-256-GCM through WebCrypto (the same code on Node and Workers).
 *
 * A sealed value is `tsb1.<key id>.<base64url(12-byte IV ‖ ciphertext ‖ tag)>`. The key id
 * (the first 8 bytes of the key's SHA-256, hex) names which key of the ring sealed it, so
 * keys can rotate: the first key seals, every key opens. Each value is bound to where it is
 * stored (`context`, e.g. `identity:ten_…`) as additional data, so a sealed value copied to
 * another row or tenant does not open.
 */
const PREFIX = "tsb1.";
const IV_BYTES = 12;
const encoder = new TextEncoder();
const decoder = new TextDecoder("utf-8", { fatal: true });

export interface SecretBox {
  /** The id of the key that seals. */
  readonly keyId: string;
  seal(plaintext: string, context: string): Promise<string>;
  /** Opens a sealed value; a value that is not sealed (stored before encryption) comes back as is. */
  open(stored: string, context: string): Promise<string>;
  /** Whether `stored` is sealed under the sealing key (false for plain text and older keys). */
  isCurrent(stored: string): boolean;
}

interface RingKey {
  id: string;
  key: CryptoKey;
}

function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

function fromBase64(text: string): Uint8Array<ArrayBuffer> {
  const normal = text.replaceAll("-", "+").replaceAll("_", "/");
  const binary = atob(normal + "=".repeat((4 - (normal.length % 4)) % 4));
  return Uint8Array.from(binary, (char) => char.charCodeAt(0));
}

/** A new random 256-bit key, base64 (the form `TENURE_ENCRYPTION_KEY` and the key file hold). */
export function generateEncryptionKey(): string {
  return btoa(String.fromCharCode(...globalThis.crypto.getRandomValues(new Uint8Array(32))));
}

/**
 * Parses a key ring: base64 keys of 32 bytes separated by commas or new lines, sealing key
 * first. Throws (bad config fails loudly) on anything else.
 */
export function parseKeyRing(text: string): Uint8Array<ArrayBuffer>[] {
  const parts = text.split(/[\s,]+/).filter((part) => part.length > 0);
  if (parts.length === 0) throw new Error("TENURE_ENCRYPTION_KEY holds no key");
  return parts.map((part, index) => {
    let bytes: Uint8Array<ArrayBuffer>;
    try {
      bytes = fromBase64(part);
    } catch {
      throw new Error(`encryption key ${index + 1} is not base64`);
    }
    if (bytes.length !== 32)
      throw new Error(`encryption key ${index + 1} is ${bytes.length} bytes; AES-256 needs 32 (generate one with: openssl rand -base64 32)`);
    return bytes;
  });
}

async function ringKey(raw: Uint8Array<ArrayBuffer>): Promise<RingKey> {
  const digest = new Uint8Array(await globalThis.crypto.subtle.digest("SHA-256", raw));
  const id = [...digest.slice(0, 8)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
  const key = await globalThis.crypto.subtle.importKey("raw", raw, "AES-GCM", false, ["encrypt", "decrypt"]);
  return { id, key };
}

/** Whether a stored value is sealed (under any key). */
export function isSealed(stored: string): boolean {
  return stored.startsWith(PREFIX);
}

/**
 * A box over a key ring (sealing key first). `reload`, when given, is asked for a fresh ring
 * (null: unchanged) before each seal and when a value names a key this ring lacks, so a
 * process picks up a rotation made by another one without a restart.
 * @example const box = await createSecretBox(parseKeyRing(process.env.TENURE_ENCRYPTION_KEY!));
 */
export async function createSecretBox(keys: Uint8Array<ArrayBuffer>[], reload?: () => Uint8Array<ArrayBuffer>[] | null): Promise<SecretBox> {
  let ring = await Promise.all(keys.map(ringKey));
  async function refresh(): Promise<void> {
    const fresh = reload?.();
    if (fresh && fresh.length > 0) ring = await Promise.all(fresh.map(ringKey));
  }
  async function find(id: string): Promise<RingKey | undefined> {
    if (!ring.some((entry) => entry.id === id)) await refresh();
    return ring.find((entry) => entry.id === id);
  }
  return {
    get keyId() {
      return ring[0]!.id;
    },
    async seal(plaintext, context) {
      await refresh();
      const sealer = ring[0]!;
      const iv = globalThis.crypto.getRandomValues(new Uint8Array(IV_BYTES));
      const sealed = new Uint8Array(
        await globalThis.crypto.subtle.encrypt({ name: "AES-GCM", iv, additionalData: encoder.encode(context) }, sealer.key, encoder.encode(plaintext)),
      );
      const out = new Uint8Array(IV_BYTES + sealed.length);
      out.set(iv);
      out.set(sealed, IV_BYTES);
      return `${PREFIX}${sealer.id}.${toBase64Url(out)}`;
    },
    async open(stored, context) {
      if (!isSealed(stored)) return stored;
      const [, id, body] = stored.split(".");
      const entry = id ? await find(id) : undefined;
      if (!entry || !body) throw new Error(`a secret is sealed under key ${id ?? "?"}, which this process does not have (TENURE_ENCRYPTION_KEY / key file)`);
      const bytes = fromBase64(body);
      const plain = await globalThis.crypto.subtle.decrypt(
        { name: "AES-GCM", iv: bytes.slice(0, IV_BYTES), additionalData: encoder.encode(context) },
        entry.key,
        bytes.slice(IV_BYTES),
      );
      return decoder.decode(plain);
    },
    isCurrent(stored) {
      return stored.startsWith(`${PREFIX}${ring[0]!.id}.`);
    },
  };
}
