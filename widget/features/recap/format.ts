/** A calendar date (`YYYY-MM-DD`, the account's own day) as the viewer reads dates, with no zone shift. */
export function formatDay(day: string, locale: string): string {
  const [y, m, d] = day.split("-").map(Number) as [number, number, number];
  if (!y || !m || !d) return day;
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone: "UTC" }).format(Date.UTC(y, m - 1, d));
}

/** An instant's date in the account's zone. */
export function formatDate(instant: number, locale: string, timeZone: string): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeZone }).format(instant);
}
