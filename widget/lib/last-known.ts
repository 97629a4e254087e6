import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import { claimsOf } from "./token.ts";

/**
 * The last bootstrap answer per user, in localStorage, so the widget can keep informing
 * (never locking) while Tenure is unreachable. Storage may be missing or full: every
 * access is guarded and failure just means "nothing known".
 */

interface Stored {
  v: 1;
  data: BootstrapResponse;
  /** Server time minus the browser's clock when saved, to estimate server time offline. */
  wallOffset: number;
  /** The instant the saved state stops being trustworthy (its next change), or null if never valid. */
  validUntil: number | null;
}

export interface LastKnown {
  data: BootstrapResponse;
  wallOffset: number;
  validUntil: number | null;
}

/** The storage key for a user: tenant key plus the token's account and user, never the token itself. */
export function lastKnownKey(publishableKey: string, userToken: string): string | null {
  const claims = claimsOf(userToken);
  if (!claims || typeof claims.sub !== "string" || typeof claims.acct !== "string") return null;
  return `tenure:v1:${publishableKey}:${claims.acct}:${claims.sub}`;
}

export function readLastKnown(key: string | null): LastKnown | null {
  if (!key) return null;
  try {
    const raw = localStorage.getItem(key);
    const stored = raw ? (JSON.parse(raw) as Stored) : null;
    if (!stored || stored.v !== 1 || !stored.data?.entitlement) return null;
    return { data: stored.data, wallOffset: stored.wallOffset, validUntil: stored.validUntil };
  } catch {
    return null;
  }
}

export function writeLastKnown(key: string | null, known: LastKnown): void {
  if (!key) return;
  try {
    const stored: Stored = { v: 1, ...known };
    localStorage.setItem(key, JSON.stringify(stored));
  } catch {
    // Storage full or blocked: the widget simply has no fallback copy.
  }
}

export function forgetLastKnown(key: string | null): void {
  if (!key) return;
  try {
    localStorage.removeItem(key);
  } catch {
    // Nothing to forget.
  }
}
