import { MAX_TOKEN_LIFETIME_SECONDS, signUserToken } from "../../lib/jwt.ts";

export interface MintUserTokenOptions {
  /** Your tenant's `identitySecret`, exactly as printed when the tenant was created. */
  identitySecret: string;
  /** Your user's id (1–128 characters of `A-Z a-z 0-9 _ . : -`). */
  sub: string;
  /** The account id you used in `PUT /v1/accounts/{accountId}`. */
  acct: string;
  role: "admin" | "member";
  /** How long the token lives, at most 24 h (86,400 s). */
  ttlSeconds: number;
  name?: string;
  email?: string;
  /** The clock, in epoch milliseconds; defaults to `Date.now()`. */
  now?: number;
}

const ID_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

/**
 * Mints the widget's user token: an HS256 JWT keyed with the UTF-8 bytes of `identitySecret`.
 * Runs on your server only — the secret must never reach a browser. Uses Web Crypto, so it
 * works on Node ≥ 20 and on Workers.
 * @example
 * const userToken = await mintUserToken({ identitySecret: process.env.TENURE_IDENTITY_SECRET!, sub: user.id, acct: org.id, role: "admin", ttlSeconds: 3600 });
 */
export async function mintUserToken(options: MintUserTokenOptions): Promise<string> {
  if (!options.identitySecret) throw new TypeError("identitySecret is required");
  if (!ID_PATTERN.test(options.sub)) throw new TypeError("sub must be 1–128 characters of A-Z a-z 0-9 _ . : -");
  if (!ID_PATTERN.test(options.acct)) throw new TypeError("acct must be 1–128 characters of A-Z a-z 0-9 _ . : -");
  if (options.role !== "admin" && options.role !== "member") throw new TypeError("role must be admin or member");
  if (!Number.isInteger(options.ttlSeconds) || options.ttlSeconds < 1 || options.ttlSeconds > MAX_TOKEN_LIFETIME_SECONDS) {
    throw new TypeError(`ttlSeconds must be an integer from 1 to ${MAX_TOKEN_LIFETIME_SECONDS}`);
  }
  const iat = Math.floor((options.now ?? Date.now()) / 1000);
  return signUserToken(
    {
      sub: options.sub,
      acct: options.acct,
      role: options.role,
      iat,
      exp: iat + options.ttlSeconds,
      ...(options.name !== undefined ? { name: options.name } : {}),
      ...(options.email !== undefined ? { email: options.email } : {}),
    },
    options.identitySecret,
  );
}
