/**
 * What the widget reads from a user token without verifying it (the server verifies):
 * who it names, for per-user storage, and when it expires, to refresh it in time.
 */

/** `userToken` as the host gives it: the token, or a function that returns one (or a Promise of one). */
export type TokenSource = string | (() => string | Promise<string>);

/** Ask a token function for a new token this long before `exp`. */
export const REFRESH_AHEAD_MS = 60_000;

export function claimsOf(token: string): { sub?: unknown; acct?: unknown; exp?: unknown } | null {
  try {
    const payload = token.split(".")[1];
    return payload ? JSON.parse(atob(payload.replace(/-/g, "+").replace(/_/g, "/"))) : null;
  } catch {
    return null;
  }
}

/** The token's `exp` in epoch ms, or null when it has none the widget can read. */
export function expiresAt(token: string): number | null {
  const exp = claimsOf(token)?.exp;
  return typeof exp === "number" ? exp * 1000 : null;
}
