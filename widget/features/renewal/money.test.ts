import { describe, expect, it } from "vitest";
import { formatMoney } from "./money.ts";

describe("money in the widget", () => {
  it("turns minor units into major ones by the currency's own digits", () => {
    expect(formatMoney({ value: 1234500, currency: "CNY" }, "zh-CN")).toBe("¥12,345.00");
    expect(formatMoney({ value: 199, currency: "USD" }, "en-US")).toBe("$1.99");
    expect(formatMoney({ value: 5000, currency: "JPY" }, "en-US")).toBe("¥5,000");
    expect(formatMoney({ value: 1500, currency: "KWD" }, "en-US").replace(/\s/g, " ")).toBe("KWD 1.500");
    expect(formatMoney({ value: 120000, currency: "EUR" }, "en-GB")).toBe("€1,200.00");
  });

  it("still names an amount in a currency it does not know", () => {
    expect(formatMoney({ value: 100, currency: "XX" }, "en")).toBe("100 XX");
  });
});
