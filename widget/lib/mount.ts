import { brandCss, WIDGET_CSS } from "./styles.ts";

export interface Mount {
  host: HTMLElement;
  /** The element Preact renders into, inside the open shadow root. */
  container: HTMLElement;
  setAccent(accent: string): void;
  /** Adopts an on-demand part's styles (the session adds each text once). */
  addStyles(css: string): void;
  destroy(): void;
}

/**
 * Creates `<tenure-widget>` with an open shadow root styled through `adoptedStyleSheets`
 * (allowed under a strict `style-src`). Reuses a `<tenure-widget>` the vendor placed.
 * Null until the page has a body.
 */
export function mountWidget(doc: Document): Mount | null {
  if (!doc.body) return null;
  const placed = doc.querySelector("tenure-widget");
  const host = placed instanceof HTMLElement && !placed.shadowRoot ? placed : doc.createElement("tenure-widget");
  const root = host.attachShadow({ mode: "open" });
  const base = new CSSStyleSheet();
  base.replaceSync(WIDGET_CSS);
  const brand = new CSSStyleSheet();
  root.adoptedStyleSheets = [base, brand];
  const container = doc.createElement("div");
  container.className = "r";
  root.appendChild(container);
  if (!host.isConnected) doc.body.appendChild(host);
  return {
    host,
    container,
    setAccent: (accent) => brand.replaceSync(brandCss(accent)),
    addStyles(css) {
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(css);
      root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    },
    destroy: () => host.remove(),
  };
}
