/**
 * uPlot builds an `Intl.NumberFormat(navigator.language)` when it loads; a browser whose
 * language tag Intl refuses (POSIX locales such as `en-US@posix`) would throw before the
 * console renders. Such a tag is replaced by its valid part. Imported first by main.tsx.
 */
function usable(tag: string): boolean {
  try {
    new Intl.NumberFormat(tag);
    return true;
  } catch {
    return false;
  }
}

const tag = navigator.language;
if (!usable(tag)) {
  const base = tag.split(/[@.]/)[0] ?? "";
  Object.defineProperty(navigator, "language", { value: usable(base) ? base : "en", configurable: true });
}
