import { describe, expect, it } from "vitest";
import { brandCss, WIDGET_CSS } from "./styles.ts";

describe("styles", () => {
  it("picks white text on dark accents and dark text on light ones", () => {
    expect(brandCss("#0f766e")).toContain("--tenure-brand-on:#fff");
    expect(brandCss("#fde047")).toContain("--tenure-brand-on:#111827");
    expect(brandCss("#fff")).toContain("--tenure-brand-on:#111827");
  });

  it("refuses anything but a hex colour, so nothing can be injected into the sheet", () => {
    expect(brandCss("red;}:host{display:none")).toBe("");
  });

  it("uses px only and puts nothing on :root", () => {
    expect(WIDGET_CSS).not.toMatch(/\d(rem|em)\b/);
    expect(WIDGET_CSS).not.toContain(":root");
  });
});
