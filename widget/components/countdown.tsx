import type { JSX } from "preact";
import { formatDuration, isoDuration } from "../lib/duration.ts";

interface Props {
  label: string;
  to: number;
  now: number;
  locale: string;
}

/** Time left to `to`, re-rendered by the widget only when the text changes (no polling). */
export function Countdown({ label, to, now, locale }: Props): JSX.Element {
  const left = to - now;
  return (
    <div class="cd" part="countdown">
      <span>{label}</span>{" "}
      <time role="timer" datetime={isoDuration(left)}>
        {formatDuration(left, locale)}
      </time>
    </div>
  );
}
