import { sha256Hex } from "../../lib/ids.ts";

/** A 256-bit random token, base64url: for sign-in links, session cookies and CSRF tokens. */
export function newToken(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(32));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** What the database keeps of a token: its SHA-256, so a leaked table signs no one in. */
export function hashToken(token: string): Promise<string> {
  return sha256Hex(token);
}

/** Tokens are 43 base64url characters; anything else is refused before a lookup. */
export const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;
