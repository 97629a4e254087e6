/**
 * What `POST /v1/widget/recap` answers: the value this term delivered (also shown in the
 * renewal modal) and the current in-app renewal notice, if any. Instants are epoch ms.
 * Types only, so the widget bundle stays free of zod and luxon.
 */
export interface ValueRecap {
  /** The current term's first day (`YYYY-MM-DD`, account zone); the recap counts from it. */
  since: string;
  activeUsers: number;
  sessions: number;
  events: number;
  /** `label`: the vendor's display name for the feature in the widget's locale (settings `eventLabels`); null when it has none. */
  topFeatures: Array<{ feature: string; count: number; label?: string | null }>;
  modulesUsed: string[];
  firstValueReachedAt: number | null;
}

export interface InAppNotice {
  /** `last_day` on the contract's last day: a care message naming exactly when access ends. */
  kind: "renewal_reminder" | "last_day";
  /** The milestone delivered: days before the contract end (30, 15, 7, 1 by default). */
  days: number;
  /** Whole days of access left when the notice was built (1 on the last day). */
  daysLeft: number;
  dueAt: number;
  contractEndsAt: number;
  accessEndsAt: number;
  timezone: string;
  /** The last minute of access in the account's zone, e.g. "31 Dec 2026 23:59". */
  accessEndsLocal: string;
  /** An English message; the widget may build its own from the fields. */
  message: string;
}

export interface WidgetRecapResponse {
  serverNow: number;
  recap: ValueRecap;
  notice: InAppNotice | null;
}
