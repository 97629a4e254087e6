import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  title: "Before you go: an offer for you",
  discount: "Renew for {percent}% off: {after} instead of {before} for the next term, {start} – {end}.",
  extension: "Take {days} more days on us: your access runs until {until}. Your contract end stays {contractEnd}.",
  bonus_seats: "Renew and get {seats} extra seats for the next term, {start} – {end}: {licensed} seats in all.",
  twelve_plus_one: "Renew for another term, {start} – {end}, and get one more month free: access until {until}.",
  upgrade_trial: "Try {feature} free for {days} days, until {until}.",
  zone: "Times are in {zone}.",
  accept: "Accept offer",
  accepting: "Accepting…",
  noThanks: "No thanks, don't renew",
  failed: "The offer could not be accepted. Please try again.",
  acceptedTitle: "Offer accepted",
  appliedNow: "Done: {effect}",
  appliedOnRenewal: "It applies when you renew. Renew now to keep it.",
  renew: "Renew now",
  close: "Close",
};

const zhCN: Record<keyof typeof en, string> = {
  title: "在您离开之前：为您准备的优惠",
  discount: "续费立享 {percent}% 折扣：下一期（{start} – {end}）只需 {after}，原价 {before}。",
  extension: "我们再送您 {days} 天：访问权限延长至 {until}。合同结束日期仍为 {contractEnd}。",
  bonus_seats: "续费即赠下一期（{start} – {end}）{seats} 个席位：共 {licensed} 个席位。",
  twelve_plus_one: "续费一期（{start} – {end}），再免费多送一个月：访问权限至 {until}。",
  upgrade_trial: "免费试用{feature} {days} 天，至 {until}。",
  zone: "时间均为{zone}时间。",
  accept: "接受优惠",
  accepting: "正在接受…",
  noThanks: "不用了，不续费",
  failed: "未能接受优惠，请重试。",
  acceptedTitle: "已接受优惠",
  appliedNow: "已生效：{effect}",
  appliedOnRenewal: "续费时生效。立即续费即可保留此优惠。",
  renew: "立即续费",
  close: "关闭",
};

export const OFFER_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function offerText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(OFFER_MESSAGES, lang);
}
