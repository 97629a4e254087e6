import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import type { FeatureHost } from "../lib/feature-host.ts";
import type { Lang, Translate } from "../lib/i18n.ts";

/** What every component needs: the data, the time, the words, and what the user can do. */
export interface WidgetContext {
  data: BootstrapResponse;
  now: number;
  t: Translate;
  lang: Lang;
  /** The BCP 47 tag for `Intl`. */
  locale: string;
  viewerZone: string | null;
  actions: WidgetActions;
  host: FeatureHost;
  /** Set by the renewal panel for what it renders, so the banner behind it does not repeat it. */
  where?: "dialog";
}

export interface WidgetActions {
  renew(): void;
  /** Opens the "don't renew" reason form. */
  decline(): void;
  dismissBanner(): void;
  snoozeBanner(): void;
  closeSoftLock(): void;
  acknowledgeReadOnly(): void;
  closePanel(): void;
}

/** Ids are scoped to the shadow root, so fixed ids are safe for aria-labelledby. */
export const ids = { cardTitle: "tw-card-title", modalTitle: "tw-modal-title", modalBody: "tw-modal-body" } as const;

/**
 * Puts a card in the top layer (`popover="manual"`, opened at once), so no host z-index can
 * cover it; lock modals stay `<dialog>`s opened with `showModal()`. Browsers without the
 * Popover API keep the card as a fixed box at the top of the z-order.
 */
export const topLayer = {
  popover: "manual",
  ref: (el: HTMLElement | null): void => {
    try {
      if (el && !el.matches(":popover-open")) el.showPopover();
    } catch {
      // Not supported, or not connected yet: the fixed, high z-index box remains.
    }
  },
} as const;
