/** Formatting for the console: instants in a given zone, money in minor units, percentages. */
export function formatInstant(iso: string | null | undefined, zone: string, withTime = true): string {
  if (!iso) return "—";
  return new Intl.DateTimeFormat("en-GB", {
    timeZone: zone,
    day: "numeric",
    month: "short",
    year: "numeric",
    ...(withTime ? { hour: "2-digit", minute: "2-digit", hourCycle: "h23" } : {}),
  })
    .format(new Date(iso))
    .replace(",", "");
}

/** The last minute before an end instant: "until 31 Dec 2026 23:59", as the widget says it. */
export function formatUntil(iso: string | null | undefined, zone: string): string {
  if (!iso) return "—";
  return formatInstant(new Date(Date.parse(iso) - 60_000).toISOString(), zone);
}

export const viewerZone = Intl.DateTimeFormat().resolvedOptions().timeZone;

/** Minor units → "CNY 12,000.00" (the currency's own decimals). */
export function formatMoney(value: number | null | undefined, currency: string | null | undefined): string {
  if (value == null || !currency) return "—";
  const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
  return new Intl.NumberFormat("en", { style: "currency", currency, currencyDisplay: "code" }).format(value / 10 ** digits);
}

export function formatArr(arr: Record<string, number> | null | undefined): string {
  const entries = Object.entries(arr ?? {});
  return entries.length === 0 ? "—" : entries.map(([currency, value]) => formatMoney(value, currency)).join(" · ");
}

export function percent(ratio: number | null | undefined): string {
  return ratio == null ? "—" : `${(ratio * 100).toFixed(1)} %`;
}
