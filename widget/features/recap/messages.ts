import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  title: "Your team's value this term",
  since: "Since {date}",
  activeUsers: "Active users",
  sessions: "Sessions",
  topFeatures: "Most used",
  firstValue: "First value",
  reachedOn: "Reached {date}",
  notYet: "Not reached yet",
  loading: "Loading your usage…",
  people: "{count} people on your team used {product} since {date}",
  person: "1 person on your team used {product} since {date}",
  mostOf: "most of all {features}",
  sentenceEnd: ".",
  listSeparator: ", ",
  clauseSeparator: ", ",
  lastDayCare: "We'll keep everything exactly as your team left it. Renew today so nothing changes for them.",
};

const zhCN: Record<keyof typeof en, string> = {
  title: "本期为您的团队带来的价值",
  since: "自 {date} 起",
  activeUsers: "活跃用户",
  sessions: "登录次数",
  topFeatures: "最常用功能",
  firstValue: "首次价值",
  reachedOn: "已于 {date} 达成",
  notYet: "尚未达成",
  loading: "正在读取使用情况…",
  people: "自 {date} 起，您团队中有 {count} 人使用了{product}",
  person: "自 {date} 起，您团队中有 1 人使用了{product}",
  mostOf: "用得最多的是{features}",
  sentenceEnd: "。",
  listSeparator: "、",
  clauseSeparator: "，",
  lastDayCare: "您团队的一切都会原样保留。今天续费，团队的使用不受任何影响。",
};

export const RECAP_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function recapText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(RECAP_MESSAGES, lang);
}
