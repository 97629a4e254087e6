/**
 * The widget's only styles, adopted into the open shadow root (CSP-safe: no <style>, no
 * inline style attributes). `:host` resets everything with `!important` — in a shadow
 * tree's cascade the inner !important beats the page's — and makes the host a 0×0 fixed
 * box, so nothing of the widget takes part in the page's layout (not even as a flex item).
 * Every size is in px so the page's root font size cannot reach in. Theme with
 * --tenure-accent, --tenure-on-accent, --tenure-font, --tenure-radius and
 * ::part(banner | countdown | lock-modal | renew-button | seats | checklist | …).
 * The on-demand parts bring their own sheets (`widget/features/*`), adopted when they show.
 */
export const WIDGET_CSS = `
:host{all:initial!important;display:block!important;position:fixed!important;top:0!important;left:0!important;width:0!important;height:0!important;z-index:2147483000!important}
.r,dialog{all:initial;--a:var(--tenure-accent,var(--tenure-brand,#4338ca));--oa:var(--tenure-on-accent,var(--tenure-brand-on,#fff));--rad:var(--tenure-radius,12px);font:400 14px/20px var(--tenure-font,system-ui,-apple-system,"Segoe UI",Roboto,Arial,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif);color:#111827;-webkit-font-smoothing:antialiased}
*,*::before,*::after{box-sizing:border-box}
h2,p,div,section,span,time,strong{all:unset;display:block;box-sizing:border-box}
span,time,strong{display:inline}
strong{font-weight:600}
h2{font-size:16px;line-height:22px;font-weight:600;margin:0 0 6px;padding-right:28px}
p{margin:0 0 6px}
.m{color:#4b5563}
.card{position:fixed;inset:auto 16px 16px auto;margin:0;overflow:visible;z-index:2147483000;width:380px;max-width:calc(100vw - 32px);padding:16px;border-radius:var(--rad);background:#fff;border:1px solid #c7d2fe;border-left:6px solid var(--a);box-shadow:0 12px 32px rgba(17,24,39,.18)}
.card.warning{background:#fffbeb;border-color:#f59e0b}
.card.warning h2{color:#92400e}
.card.urgent{background:#fef2f2;border-color:#ef4444}
.card.urgent h2{color:#991b1b}
.card:is(.critical,.grace){background:#991b1b;border-color:#7f1d1d}
.card.locked{background:#1f2937;border-color:#111827}
.card:is(.critical,.grace,.locked){color:#fff;--a:#fff;--oa:#7f1d1d}
.card:is(.critical,.grace,.locked) .m{color:#fee2e2}
.cd{margin:8px 0;font-size:13px}
.cd time{font-size:18px;line-height:24px;font-weight:700;font-variant-numeric:tabular-nums;margin-left:2px}
.acts{display:flex;flex-wrap:wrap;gap:8px;margin-top:12px;align-items:center}
button{all:unset;box-sizing:border-box;display:inline-block;font:inherit;font-weight:600;cursor:pointer;border-radius:8px;padding:8px 14px;line-height:20px;text-align:center}
.pri{background:var(--a);color:var(--oa)}
button:disabled{opacity:.6;cursor:default}
.sec{border:1px solid currentColor;color:inherit}
.x{position:absolute;top:10px;right:10px;width:32px;height:32px;padding:0;font-size:20px;line-height:32px;font-weight:400}
button:focus-visible,a:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.card:is(.critical,.grace,.locked) :focus-visible{outline-color:#fff}
dialog{box-sizing:border-box;position:fixed;inset:0;margin:auto;width:460px;max-width:calc(100vw - 32px);height:fit-content;max-height:calc(100vh - 32px);overflow:auto;padding:24px;border-radius:var(--rad);background:#fff;box-shadow:0 24px 64px rgba(17,24,39,.35)}
dialog:not([open]){display:none}
dialog::backdrop{background:rgba(17,24,39,.6)}
dialog h2{font-size:20px;line-height:28px;margin-bottom:10px}
a{color:#1d4ed8;text-decoration:underline}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%)}
`;

/** The tenant's accent colour as custom properties, with a readable text colour chosen for it. */
export function brandCss(accent: string): string {
  if (!/^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(accent)) return "";
  const hex = accent.length === 4 ? accent.replace(/[0-9a-f]/gi, (c) => c + c).slice(1) : accent.slice(1);
  const [r, g, b] = [0, 2, 4].map((i) => linear(parseInt(hex.slice(i, i + 2), 16) / 255)) as [number, number, number];
  const luminance = 0.2126 * r + 0.7152 * g + 0.0722 * b;
  // White text needs contrast ≥ 4.5 against the accent: (1.05)/(L+0.05) ≥ 4.5 ⇔ L ≤ 0.183.
  // !important: only the documented --tenure-accent theming hook may override it from the page.
  return `:host{--tenure-brand:${accent}!important;--tenure-brand-on:${luminance <= 0.183 ? "#fff" : "#111827"}!important}`;
}

function linear(channel: number): number {
  return channel <= 0.03928 ? channel / 12.92 : ((channel + 0.055) / 1.055) ** 2.4;
}
