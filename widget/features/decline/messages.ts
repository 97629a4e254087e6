import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  title: "Tell us why you won't renew",
  intro: "Your answer goes to the {product} team. We won't remind you about renewing again this term.",
  legend: "Reason",
  too_expensive: "Too expensive",
  missing_feature: "Missing a feature we need",
  not_used_enough: "We don't use it enough",
  switching_product: "Switching to another product",
  budget: "No budget right now",
  other: "Other",
  detail: "Tell us more",
  detailOptional: "Tell us more (optional)",
  pickReason: "Choose a reason.",
  needDetail: "Tell us a little more about the reason.",
  send: "Send",
  sending: "Sending…",
  cancel: "Cancel",
  failed: "Your answer could not be sent. Please try again.",
  thanksTitle: "Thank you for telling us",
  thanks: "We've passed your answer on to the {product} team. You won't be reminded about renewing again this term; you can still renew at any time.",
  close: "Close",
};

const zhCN: Record<keyof typeof en, string> = {
  title: "请告诉我们不续费的原因",
  intro: "您的回答将转达给{product}团队。本期内我们不会再提醒您续费。",
  legend: "原因",
  too_expensive: "价格太高",
  missing_feature: "缺少我们需要的功能",
  not_used_enough: "使用得不够多",
  switching_product: "改用其他产品",
  budget: "目前没有预算",
  other: "其他",
  detail: "请详细说明",
  detailOptional: "请详细说明（选填）",
  pickReason: "请选择一个原因。",
  needDetail: "请简单说明具体原因。",
  send: "提交",
  sending: "正在提交…",
  cancel: "取消",
  failed: "未能提交您的回答，请重试。",
  thanksTitle: "感谢您的反馈",
  thanks: "我们已将您的回答转达给{product}团队。本期内不会再提醒您续费；您仍可随时续费。",
  close: "关闭",
};

export const DECLINE_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function declineText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(DECLINE_MESSAGES, lang);
}
