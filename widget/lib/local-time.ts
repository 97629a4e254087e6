/** Dates and times with `Intl` only (no luxon in the widget), cached because formatters are costly. */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = locale + JSON.stringify(options);
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, options);
    formatters.set(key, found);
  }
  return found;
}

/** "31 Dec 2026" / "2026年12月31日": the day, in the given zone. */
export function formatDay(instant: number, locale: string, timeZone: string): string {
  return formatter(locale, { day: "numeric", month: "short", year: "numeric", timeZone }).format(instant);
}

/** "31 Dec 2026 23:59" / "2026年12月31日 23:59": the minute, in the given zone. */
export function formatMinute(instant: number, locale: string, timeZone: string): string {
  const date = formatDay(instant, locale, timeZone);
  const time = formatter(locale, { hour: "2-digit", minute: "2-digit", hourCycle: "h23", timeZone }).format(instant);
  return date + " " + time;
}

/** "China Standard Time · Asia/Shanghai": the zone's readable `Intl` name at `instant`, with the IANA id beside it. */
export function zoneLabel(instant: number, locale: string, timeZone: string): string {
  const name = formatter(locale, { timeZoneName: "long", timeZone })
    .formatToParts(instant)
    .find((part) => part.type === "timeZoneName")?.value;
  return name && name !== timeZone ? name + " · " + timeZone : timeZone;
}

/** The viewer's own IANA zone, or null when the browser will not say. */
export function viewerTimeZone(): string | null {
  try {
    return new Intl.DateTimeFormat().resolvedOptions().timeZone || null;
  } catch {
    return null;
  }
}

/** The wall-clock reading at `instant` in `timeZone`, as if it were UTC epoch ms. */
function wallMs(instant: number, timeZone: string): number {
  const parts: Record<string, number> = {};
  const options: Intl.DateTimeFormatOptions = {
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
    hourCycle: "h23",
    timeZone,
  };
  for (const part of formatter("en-US", options).formatToParts(instant)) parts[part.type] = Number(part.value);
  return Date.UTC(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/**
 * The first instant of the local calendar day containing `instant`. Corrects for a DST
 * change earlier that day; when local midnight does not exist (a DST gap), the day starts
 * at the first instant that does — the moment the wall clock jumps.
 */
export function startOfLocalDay(instant: number, timeZone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  const wall = wallMs(whole, timeZone);
  const midnight = wall - (((wall % 86_400_000) + 86_400_000) % 86_400_000);
  let guess = whole - (wall - midnight);
  for (let i = 0; i < 3; i++) {
    const diff = wallMs(guess, timeZone) - midnight;
    if (diff === 0) return guess;
    // Still on the day before: midnight was skipped; the day begins where the clock jumps.
    if (diff < 0) return guess - diff;
    guess -= diff;
  }
  return guess;
}
