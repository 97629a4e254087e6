/** Listeners on the host page, all removable: the widget leaves nothing behind on shutdown. */

export interface PageHooks {
  /** The tab became visible or the window gained focus: time to re-sync the clock and state. */
  onReturn(): void;
  /** An in-page navigation (history or hash change). Full page loads start a new widget anyway. */
  onNavigate(): void;
}

interface NavigationLike {
  addEventListener(type: string, fn: () => void, options: AddEventListenerOptions): void;
}

export function listenToPage(hooks: PageHooks): () => void {
  // One signal removes them all.
  const off = new AbortController();
  const options = { signal: off.signal };
  const onNavigate = (): void => hooks.onNavigate();
  // The Navigation API sees pushState too, without patching the host's `history`.
  const navigation = (window as { navigation?: NavigationLike }).navigation;
  document.addEventListener("visibilitychange", () => document.visibilityState === "visible" && hooks.onReturn(), options);
  window.addEventListener("focus", () => hooks.onReturn(), options);
  window.addEventListener("popstate", onNavigate, options);
  window.addEventListener("hashchange", onNavigate, options);
  navigation?.addEventListener("navigatesuccess", onNavigate, options);
  return () => off.abort();
}
