import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";

/**
 * What became of the renewal that was pending before this answer: `completed` when the
 * contract moved on, `ended` when it went away unpaid (failed or expired), null when nothing
 * changed (or nothing was pending).
 */
export function renewalOutcome(before: BootstrapResponse | null, after: BootstrapResponse): "completed" | "ended" | null {
  const pending = before?.renewal.pending;
  if (!before || !pending || after.renewal.pending?.id === pending.id) return null;
  return after.entitlement.contractEndsAt > before.entitlement.contractEndsAt ? "completed" : "ended";
}

/** Opens an empty tab inside the click (popup blockers allow only that), to send to checkout once it is known. */
export function openCheckoutTab(): Window | null {
  try {
    const tab = window.open("", "_blank");
    // The checkout must not reach back into the vendor's page.
    if (tab) tab.opener = null;
    return tab;
  } catch {
    return null;
  }
}
