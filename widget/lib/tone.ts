/** How loudly the expiry banner speaks: it escalates at 30, 7 and 1 days left, and on the last day. */

const DAY = 86_400_000;

export type Tone = "calm" | "notice" | "warning" | "urgent" | "critical";

export interface ToneAt {
  tone: Tone;
  /** When the tone next escalates (the last day's start, or a threshold), or null on the last day. */
  next: number | null;
}

/**
 * The tone at `now` for access ending at `accessEndsAt`; `lastDayFrom` is the start of the
 * last local day in the account's zone (the end is exclusive, so that day is inclusive).
 */
export function toneAt(accessEndsAt: number, lastDayFrom: number, now: number): ToneAt {
  const steps: Array<[number, Tone]> = [
    [accessEndsAt - 30 * DAY, "notice"],
    [accessEndsAt - 7 * DAY, "warning"],
    [accessEndsAt - DAY, "urgent"],
    [lastDayFrom, "critical"],
  ];
  // Thresholds in time order, so a late last-day start (an access end in the afternoon) still sorts right.
  steps.sort((a, b) => a[0] - b[0]);
  let tone: Tone = "calm";
  let next: number | null = null;
  for (const [from, level] of steps) {
    if (now >= from) tone = rank(level) > rank(tone) ? level : tone;
    else if (next === null && rank(level) > rank(tone)) next = from;
  }
  return { tone, next };
}

function rank(tone: Tone): number {
  return ["calm", "notice", "warning", "urgent", "critical"].indexOf(tone);
}
