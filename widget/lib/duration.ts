/** Countdowns: days and hours, hours and minutes, or minutes and seconds, as fits. */

const SECOND = 1000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

type Unit = "day" | "hour" | "minute" | "second";

const numberFormats = new Map<string, Intl.NumberFormat>();

function unitText(value: number, unit: Unit, locale: string): string {
  const key = locale + unit;
  let format = numberFormats.get(key);
  if (!format) {
    format = new Intl.NumberFormat(locale, { style: "unit", unit, unitDisplay: "long" });
    numberFormats.set(key, format);
  }
  return format.format(value);
}

/** The two largest units that fit, floored so a countdown never claims more time than is left. */
function split(remaining: number): [number, Unit, number, Unit] {
  const ms = Math.max(0, remaining);
  if (ms >= DAY) return [Math.floor(ms / DAY), "day", Math.floor((ms % DAY) / HOUR), "hour"];
  if (ms >= HOUR) return [Math.floor(ms / HOUR), "hour", Math.floor((ms % HOUR) / MINUTE), "minute"];
  return [Math.floor(ms / MINUTE), "minute", Math.floor((ms % MINUTE) / SECOND), "second"];
}

/** "2 days 4 hours", "3 hours 12 minutes", "12 minutes 5 seconds"; "2天 4小时" in Chinese. */
export function formatDuration(remaining: number, locale: string): string {
  const [a, unitA, b, unitB] = split(remaining);
  return unitText(a, unitA, locale) + " " + unitText(b, unitB, locale);
}

/** A machine-readable ISO 8601 duration for `<time datetime>`. */
export function isoDuration(remaining: number): string {
  const ms = Math.max(0, remaining);
  const days = Math.floor(ms / DAY);
  const rest = ms % DAY;
  return `P${days}DT${Math.floor(rest / HOUR)}H${Math.floor((rest % HOUR) / MINUTE)}M${Math.floor((rest % MINUTE) / SECOND)}S`;
}

/** How long until the countdown text for `remaining` changes (so it ticks only when it must). */
export function untilNextTick(remaining: number): number {
  if (remaining <= 0) return 0;
  const step = remaining >= DAY ? HOUR : remaining >= HOUR ? MINUTE : SECOND;
  return remaining % step || step;
}
