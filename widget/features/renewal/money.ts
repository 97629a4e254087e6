/**
 * An amount in minor units (cents, fen; yen have none) as the viewer reads money:
 * `{ value: 1234500, currency: "CNY" }` → "¥12,345.00" in zh-CN, "CN¥12,345.00" in en.
 * The currency's own digits come from `Intl`, so JPY is not divided and KWD is by 1000.
 */
export function formatMoney(amount: { value: number; currency: string }, locale: string): string {
  try {
    const format = new Intl.NumberFormat(locale, { style: "currency", currency: amount.currency });
    const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
    return format.format(amount.value / 10 ** digits);
  } catch {
    // An unknown currency code: still say what it is.
    return `${amount.value} ${amount.currency}`;
  }
}
