import { addDays, formatCalendarDate, localDateAt, startOfLocalDay } from "../../../shared/time/local-day.ts";

/** `YYYY-MM-DD` of an instant in a zone. */
export function localDay(instant: number, zone: string): string {
  return formatCalendarDate(localDateAt(instant, zone));
}

/**
 * A local-day labeller for one zone that remembers the last day's bounds: a batch of events
 * mostly falls on one day, so most lookups skip the zone arithmetic.
 */
export function localDayLabeller(zone: string): (instant: number) => string {
  let from = Number.POSITIVE_INFINITY;
  let to = Number.NEGATIVE_INFINITY;
  let label = "";
  return (instant) => {
    if (instant >= from && instant < to) return label;
    const date = localDateAt(instant, zone);
    label = formatCalendarDate(date);
    from = startOfLocalDay(date, zone);
    to = startOfLocalDay(addDays(date, 1), zone);
    return label;
  };
}

/** Zones whose labeller is kept between batches: far more than the zones any tenant uses. */
const KEPT_ZONES = 1000;
const kept = new Map<string, (instant: number) => string>();

/**
 * The labeller for a zone, kept between batches: finding a day's bounds costs milliseconds
 * of zone arithmetic, and successive batches mostly fall on the same day.
 */
export function labellerFor(zone: string): (instant: number) => string {
  let label = kept.get(zone);
  if (!label) {
    if (kept.size >= KEPT_ZONES) kept.clear();
    kept.set(zone, (label = localDayLabeller(zone)));
  }
  return label;
}

/** The first local day of a window of `days` local days ending with the day of `now`. */
export function windowStartDay(now: number, days: number, zone: string): string {
  return formatCalendarDate(addDays(localDateAt(now, zone), 1 - days));
}
