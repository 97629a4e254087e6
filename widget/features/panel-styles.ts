/** Meters and warnings, shared by the on-demand panels (seats, checklist, renewal status). */
export const PANEL_CSS = `
.meter{height:10px;border-radius:5px;background:#e5e7eb;overflow:hidden;margin:10px 0}
.fill{height:10px;background:var(--a);transform-origin:left}
.fill.near{background:#d97706}
.fill.full{background:#dc2626}
.warn{margin-top:10px;padding:8px 10px;border-radius:8px;background:#fffbeb;color:#92400e;border:1px solid #f59e0b}
.features ul,.holders ul{list-style:none;margin:6px 0;padding:0}
.features li,.holders li{display:flex;gap:8px;align-items:center;justify-content:space-between;padding:4px 0;border-top:1px solid #e5e7eb}
.features h3,.holders h3{font-size:14px;margin:12px 0 0}
.holders .who{display:flex;flex-direction:column;min-width:0;overflow-wrap:anywhere}
.holders button{white-space:nowrap}
.warn.full{background:#fef2f2;color:#991b1b;border-color:#ef4444}
`;
