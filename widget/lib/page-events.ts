/** Listeners on the host page, all removable: the widget leaves nothing behind on shutdown. */

export interface PageHooks {
  /** The tab became visible or the window gained focus: time to re-sync the clock and state. */
  onReturn(): void;
  /** An in-page navigation (history or hash change). Full page loads start a new widget anyway. */
  onNavigate(): void;
}

interface NavigationLike {
  addEventListener(type: string, fn: () => void): void;
  removeEventListener(type: string, fn: () => void): void;
}

export function listenToPage(hooks: PageHooks): () => void {
  const onVisibility = (): void => {
    if (document.visibilityState === "visible") hooks.onReturn();
  };
  const onReturn = (): void => hooks.onReturn();
  const onNavigate = (): void => hooks.onNavigate();
  // The Navigation API sees pushState too, without patching the host's `history`.
  const navigation = (window as { navigation?: NavigationLike }).navigation;
  document.addEventListener("visibilitychange", onVisibility);
  window.addEventListener("focus", onReturn);
  window.addEventListener("popstate", onNavigate);
  window.addEventListener("hashchange", onNavigate);
  navigation?.addEventListener("navigatesuccess", onNavigate);
  return () => {
    document.removeEventListener("visibilitychange", onVisibility);
    window.removeEventListener("focus", onReturn);
    window.removeEventListener("popstate", onNavigate);
    window.removeEventListener("hashchange", onNavigate);
    navigation?.removeEventListener("navigatesuccess", onNavigate);
  };
}
