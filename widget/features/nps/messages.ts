import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  question: "How likely are you to recommend {product} to a friend or colleague?",
  scale: "Score from 0 (not at all likely) to 10 (extremely likely)",
  low: "Not at all likely",
  high: "Extremely likely",
  comment: "What is the main reason for your score? (optional)",
  pickScore: "Choose a score from 0 to 10.",
  send: "Send",
  sending: "Sending…",
  notNow: "Not now",
  dismiss: "Dismiss the question",
  failed: "Your answer could not be sent. Please try again.",
  thanks: "Thank you — your answer helps the {product} team.",
  close: "Close",
};

const zhCN: Record<keyof typeof en, string> = {
  question: "您有多大可能向朋友或同事推荐{product}？",
  scale: "评分从 0（完全不可能）到 10（极有可能）",
  low: "完全不可能",
  high: "极有可能",
  comment: "您给出这个分数的主要原因是什么？（选填）",
  pickScore: "请选择 0 到 10 之间的分数。",
  send: "提交",
  sending: "正在提交…",
  notNow: "以后再说",
  dismiss: "关闭此问题",
  failed: "未能提交您的回答，请重试。",
  thanks: "谢谢！您的回答将帮助{product}团队做得更好。",
  close: "关闭",
};

export const NPS_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function npsText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(NPS_MESSAGES, lang);
}
