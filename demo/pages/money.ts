/** Minor units as money ("$12,000.00"), the currency's own digits from `Intl`. */
export function money(value: number | null, currency: string | null): string {
  if (value == null || !currency) return "—";
  try {
    const format = new Intl.NumberFormat("en", { style: "currency", currency });
    return format.format(value / 10 ** (format.resolvedOptions().maximumFractionDigits ?? 2));
  } catch {
    return `${value} ${currency}`;
  }
}
