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
};

export const SEATS_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function seatsText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(SEATS_MESSAGES, lang);
}
