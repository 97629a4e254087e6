/**
 * Messages in English and Simplified Chinese, complete in both. The Chinese table is an
 * on-demand part (`i18n-zh.ts`), fetched alongside the bootstrap when the page asks for it. `{name}` placeholders are
 * filled by `t`; dates, times and durations come from `Intl`, never from these strings.
 */

export type Lang = "en" | "zh-CN";

const en = {
  expiringTitle: "Your {product} subscription ends soon",
  lastDayTitle: "Today is the last day of your {product} subscription",
  accessUntil: "Access until {time} ({zone})",
  yourTime: "Your time: {time} ({zone})",
  timeLeft: "Time left",
  remindTomorrow: "Remind me tomorrow",
  dismiss: "Dismiss",
  renew: "Renew now",
  graceTitle: "Your {product} subscription has ended",
  graceBody_soft: "You are in a grace period. Renew before it ends to keep working without interruptions.",
  graceBody_read_only: "You are in a grace period. When it ends, {product} becomes read-only until you renew.",
  graceBody_hard: "You are in a grace period. When it ends, access to {product} is paused until you renew.",
  graceLeft: "Grace period ends in",
  graceUntil: "Grace period until {time} ({zone})",
  lockTitle: "Your {product} subscription has ended",
  lockBody_soft: "Renew to keep using {product} without interruptions. You can close this reminder for now.",
  lockBody_read_only: "{product} is read-only: you can view your data but not change it until the subscription is renewed.",
  lockBody_hard: "Access to {product} is paused until the subscription is renewed.",
  notNow: "Not now",
  continueReadOnly: "Continue read-only",
  escape_read_only: "To close, choose Continue read-only.",
  escape_hard: "This stays open until renewal.",
  lockedStrip_read_only: "{product} is read-only until the subscription is renewed.",
  contactSupport: "Questions? Contact {email}",
  noRenewUrl: "Ask your administrator to renew the subscription.",
  renewByEmail: "To renew, contact {email}",
  renewalPending: "A renewal is in progress.",
  starting: "Starting…",
  continuePayment: "Continue to payment",
  decline: "Don't renew",
  declinedBy: "{name} chose not to renew on {date}.",
  accessEnded: "Access ran until {time} ({zone}).",
};

export type MessageKey = keyof typeof en;

/** The widget's own English messages; the Chinese ones load on demand (`i18n-zh.ts`). */
export const EN: Record<MessageKey, string> = en;

export type Params = Record<string, string | number>;
export type Translate<K extends string = MessageKey> = (key: K, params?: Params) => string;

/** A `t` over any table complete in both languages: the widget's own, or an on-demand part's. */
export function translatorFor<K extends string>(tables: Record<Lang, Record<K, string>>, lang: Lang): Translate<K> {
  const table = tables[lang];
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

/** The widget's own `t`: Chinese when its table is here, English otherwise. */
export function translator(lang: Lang, zh: Record<MessageKey, string> | null): Translate {
  return translatorFor({ en, "zh-CN": zh ?? en }, zh ? lang : "en");
}

export interface LocaleChoice {
  lang: Lang;
  /** The BCP 47 tag handed to `Intl`. */
  intl: string;
}

/**
 * The first valid tag of: the `init` option, the account's locale, the browser's language.
 * Strings come in the closest supported language (Chinese for any `zh`, else English); dates
 * keep the tag itself, so `de-DE` reads English words with German dates. A bare "en" formats
 * like the product brief ("31 Dec 2026 23:59"); "en-US" keeps its own order.
 */
export function chooseLocale(candidates: ReadonlyArray<string | null | undefined>): LocaleChoice {
  for (const tag of candidates) {
    let intl: string | undefined;
    try {
      intl = tag ? Intl.DateTimeFormat.supportedLocalesOf(tag)[0] : undefined;
    } catch {
      // Not a BCP 47 tag: try the next.
    }
    if (!intl) continue;
    return { lang: /^zh\b/i.test(intl) ? "zh-CN" : "en", intl: /^en$/i.test(intl) ? "en-GB" : intl };
  }
  return { lang: "en", intl: "en-GB" };
}
