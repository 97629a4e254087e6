import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  title: "Your {product} subscription",
  ends: "Ends {time} ({zone})",
  close: "Close",
};

const zhCN: Record<keyof typeof en, string> = {
  title: "您的{product}订阅",
  ends: "到期时间 {time}（{zone}）",
  close: "关闭",
};

export const RENEW_DIALOG_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function renewDialogText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(RENEW_DIALOG_MESSAGES, lang);
}
