/**
 * The widget's weight against PRODUCT.md: loader + app ≤ 12 KB gzip, and everything a page in
 * the expiring state loads (measured in real Chromium through the snippet) ≤ 18 KB gzip.
 * Reads the built `dist/widget` (`npm test` builds first).
 */
import { describe, expect, it } from "vitest";
import { EXPIRING_PAGE_BUDGET, measureExpiringPage } from "../bench/page-weight.ts";
import { LOADER_BUDGET, WIDGET_BUDGET, criticalPath } from "../bench/widget-size.ts";

describe("the widget's weight", () => {
  it("keeps the loader within 1.5 KB and loader + app within 12 KB gzip", () => {
    const path = criticalPath();
    const loader = path.files.find((f) => f.file === "widget.js");
    expect(loader!.gzipBytes, JSON.stringify(path.files)).toBeLessThanOrEqual(LOADER_BUDGET);
    expect(path.gzipBytes, JSON.stringify(path.files)).toBeLessThanOrEqual(WIDGET_BUDGET);
  });

  it("loads at most 18 KB gzip on a page in the expiring state", async () => {
    const page = await measureExpiringPage();
    expect(page.scripts.map((s) => s.file)).toEqual(expect.arrayContaining(["/widget.js", "/widget/app.js"]));
    expect(page.gzipBytes, JSON.stringify(page.scripts)).toBeLessThanOrEqual(EXPIRING_PAGE_BUDGET);
  }, 90_000);
});
