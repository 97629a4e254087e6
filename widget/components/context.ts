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
