import type { Emitter } from "./emitter.ts";

/**
 * The one place the renew button acts. Until one-click renewal exists it opens the
 * vendor-configured renewal URL (the account already prefilled) in a new tab.
 */
export function startRenewal(url: string | null, emitter: Emitter): void {
  if (!url || !/^https?:\/\//i.test(url)) return;
  window.open(url, "_blank", "noopener,noreferrer");
  emitter.emit("renewal", { action: "started", via: "url" });
}
