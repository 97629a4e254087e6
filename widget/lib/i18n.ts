/**
 * Messages in English and Simplified Chinese, complete in both. `{name}` placeholders are
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
  lockedStrip_read_only: "{product} is read-only until the subscription is renewed.",
  contactSupport: "Questions? Contact {email}",
  noRenewUrl: "Ask your administrator to renew the subscription.",
  renewalPending: "A renewal is in progress.",
  starting: "Starting…",
  continuePayment: "Continue to payment",
  decline: "Don't renew",
};

export type MessageKey = keyof typeof en;

const zhCN: Record<MessageKey, string> = {
  expiringTitle: "您的{product}订阅即将到期",
  lastDayTitle: "今天是您{product}订阅的最后一天",
  accessUntil: "可使用至 {time}（{zone}）",
  yourTime: "您的当地时间：{time}（{zone}）",
  timeLeft: "剩余时间",
  remindTomorrow: "明天再提醒我",
  dismiss: "关闭",
  renew: "立即续费",
  graceTitle: "您的{product}订阅已到期",
  graceBody_soft: "您正处于宽限期。请在宽限期结束前续费，以免使用受到打扰。",
  graceBody_read_only: "您正处于宽限期。宽限期结束后，{product}将变为只读，直到您续费。",
  graceBody_hard: "您正处于宽限期。宽限期结束后，{product}将暂停访问，直到您续费。",
  graceLeft: "宽限期剩余",
  graceUntil: "宽限期至 {time}（{zone}）",
  lockTitle: "您的{product}订阅已到期",
  lockBody_soft: "续费后即可继续不受打扰地使用{product}。您可以暂时关闭此提醒。",
  lockBody_read_only: "{product}现为只读：续费前您可以查看数据，但无法修改。",
  lockBody_hard: "续费前，{product}的访问已暂停。",
  notNow: "稍后再说",
  continueReadOnly: "以只读方式继续",
  lockedStrip_read_only: "续费前，{product}为只读。",
  contactSupport: "如有疑问，请联系 {email}",
  noRenewUrl: "请联系您的管理员续费。",
  renewalPending: "续费正在处理中。",
  starting: "正在发起…",
  continuePayment: "继续付款",
  decline: "不续费",
};

export const MESSAGES: Record<Lang, Record<MessageKey, string>> = { en, "zh-CN": zhCN };

export type Params = Record<string, string | number>;
export type Translate<K extends string = MessageKey> = (key: K, params?: Params) => string;

/** A `t` over any table complete in both languages: the widget's own, or an on-demand part's. */
export function translatorFor<K extends string>(tables: Record<Lang, Record<K, string>>, lang: Lang): Translate<K> {
  const table = tables[lang];
  return (key, params) => table[key].replace(/\{(\w+)\}/g, (whole, name: string) => (params && name in params ? String(params[name]) : whole));
}

export function translator(lang: Lang): Translate {
  return translatorFor(MESSAGES, lang);
}

export interface LocaleChoice {
  lang: Lang;
  /** The BCP 47 tag handed to `Intl`. */
  intl: string;
}

/**
 * The first supported of: the `init` option, the account's locale, the browser's language.
 * A bare "en" formats like the product brief ("31 Dec 2026 23:59"); "en-US" keeps its own order.
 */
export function chooseLocale(candidates: ReadonlyArray<string | null | undefined>): LocaleChoice {
  for (const tag of candidates) {
    if (!tag) continue;
    if (/^zh(-|$)/i.test(tag)) return { lang: "zh-CN", intl: "zh-CN" };
    if (/^en(-|$)/i.test(tag)) return { lang: "en", intl: /^en-[a-z]{2}$/i.test(tag) ? tag : "en-GB" };
  }
  return { lang: "en", intl: "en-GB" };
}
