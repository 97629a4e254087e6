import { translatorFor } from "../../lib/i18n.ts";
import type { Lang, Translate } from "../../lib/i18n.ts";

const en = {
  open: "Open the checklist",
  collapse: "Close the checklist",
  progress: "{done} of {total} done",
  progressLabel: "Checklist progress",
  done: "Done",
  notDone: "Not done yet",
  count: "{current} of {target}",
  allDone: "All done — nicely played.",
  snooze: "Remind me tomorrow",
  dismiss: "Hide checklist",
  phase_adaptation: "Getting started (first 30 days)",
  phase_habit: "Building the habit (days 31–90)",
  phase_established: "Established",
  firstValue_reached: "First value reached {date}",
  firstValue_pending: "Aim: first value by {date}",
  firstValue_missed: "First value was due {date}",
};

const zhCN: Record<keyof typeof en, string> = {
  open: "打开清单",
  collapse: "关闭清单",
  progress: "已完成 {done} / {total}",
  progressLabel: "清单进度",
  done: "已完成",
  notDone: "未完成",
  count: "{current} / {target}",
  allDone: "全部完成，干得漂亮！",
  snooze: "明天再提醒我",
  dismiss: "隐藏清单",
  phase_adaptation: "上手期（前 30 天）",
  phase_habit: "习惯养成期（第 31–90 天）",
  phase_established: "稳定使用期",
  firstValue_reached: "已于 {date} 达成首次价值",
  firstValue_pending: "目标：{date} 前达成首次价值",
  firstValue_missed: "首次价值原定于 {date} 达成",
};

export const CHECKLIST_MESSAGES: Record<Lang, Record<keyof typeof en, string>> = { en, "zh-CN": zhCN };

export function checklistText(lang: Lang): Translate<keyof typeof en> {
  return translatorFor(CHECKLIST_MESSAGES, lang);
}
