import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  awaitingPayment: "Renewal started: awaiting payment",
  awaitingCheckout: "Renewal started: finish paying in the checkout tab",
  noHold: "Access stays paused until the payment arrives.",
  reference: "Payment reference",
  amount: "Amount",
  payBy: "Pay by",
  invoiceHelp: "Quote the reference with your bank transfer. Access renews as soon as the payment is confirmed.",
  subscriptionEnd: "Subscription ends",
  subscriptionEnded: "Subscription ended",
  heldUntil: "Access held until",
  payTo: "Pay to",
  renewedUntil: "Renewed until {time} ({zone}). Thank you!",
  close: "Close",
  openCheckout: "Open the checkout",
  blocked: "Your browser did not open the checkout tab.",
  failed: "The renewal could not be started. Please try again.",
  forbidden: "Your role cannot renew. Ask your administrator to renew the subscription.",
};

const zhCN: Record<keyof typeof en, string> = {
  awaitingPayment: "续费已发起：等待付款",
  awaitingCheckout: "续费已发起：请在付款页面完成支付",
  noHold: "收到付款前，访问仍处于暂停状态。",
  reference: "付款参考号",
  amount: "金额",
  payBy: "付款截止",
  invoiceHelp: "银行转账时请注明参考号。付款确认后即自动续期。",
  subscriptionEnd: "订阅到期",
  subscriptionEnded: "订阅已到期",
  heldUntil: "访问保留至",
  payTo: "收款信息",
  renewedUntil: "已续期至 {time}（{zone}）。感谢您的续费！",
  close: "关闭",
  openCheckout: "打开付款页面",
  blocked: "您的浏览器未能打开付款页面。",
  failed: "未能发起续费，请重试。",
  forbidden: "您的角色无法续费。请联系您的管理员续费。",
};

export const RENEWAL_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function renewalText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(RENEWAL_MESSAGES, lang);
}
