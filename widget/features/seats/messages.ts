import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  seatsTitle: "Plan & seats",
  seatsUsed: "{used} of {licensed} seats used",
  seatsBreakdown: "{purchased} purchased + {bonus} bonus",
  seatsActive: "{active} active users",
  seatsNear: "You are close to your seat limit. Renew or ask for more seats before new users are blocked.",
  seatsFull: "All seats are in use. Ask for more seats to add users.",
  seatsMeter: "Seats used",
  termEnds: "Current term ends {time} ({zone})",
  close: "Close",
  noSeatTitle: "No seat available",
  noSeatBody: "All seats in {product} are taken, so you cannot use it yet. Ask your admin to free a seat or add seats.",
  holdersTitle: "Who has a seat",
  lastActive: "last active {time}",
  release: "Release seat",
  featuresTitle: "Included in your plan",
  featureOn: "Included",
  featureOff: "Not included",
  featureLimit: "Up to {limit}",
  featureUsed: "{used} of {limit} used",
  featureResets: "resets {time} ({zone})",
  declinedBy: "{name} chose not to renew on {date}.",
  declinedByYou: "You chose not to renew on {date}.",
};

const zhCN: Record<keyof typeof en, string> = {
  seatsTitle: "套餐与席位",
  seatsUsed: "已使用 {used} / {licensed} 个席位",
  seatsBreakdown: "购买 {purchased} 个 + 赠送 {bonus} 个",
  seatsActive: "活跃用户 {active} 人",
  seatsNear: "席位即将用完。请续费或申请更多席位，以免新用户无法加入。",
  seatsFull: "席位已全部用完。如需添加用户，请申请更多席位。",
  seatsMeter: "已用席位",
  termEnds: "当前订阅期至 {time}（{zone}）",
  close: "关闭",
  noSeatTitle: "暂无可用席位",
  noSeatBody: "{product} 的席位已全部占用，您暂时无法使用。请联系管理员释放或增加席位。",
  holdersTitle: "席位使用者",
  lastActive: "最近活跃 {time}",
  release: "释放席位",
  featuresTitle: "套餐包含",
  featureOn: "已包含",
  featureOff: "未包含",
  featureLimit: "上限 {limit}",
  featureUsed: "已用 {used} / {limit}",
  featureResets: "{time}（{zone}）重置",
  declinedBy: "{name} 已于 {date} 选择不续费。",
  declinedByYou: "您已于 {date} 选择不续费。",
};

export const SEATS_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function seatsText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(SEATS_MESSAGES, lang);
}
