/** Meters and warnings, shared by the on-demand panels (seats, checklist, renewal status). */
export const PANEL_CSS = `
.meter{height:10px;border-radius:5px;background:#e5e7eb;overflow:hidden;margin:10px 0}
.fill{height:10px;background:var(--a);transform-origin:left}
.fill.near{background:#d97706}
.fill.full{background:#dc2626}
.warn{margin-top:10px;padding:8px 10px;border-radius:8px;background:#fffbeb;color:#92400e;border:1px solid #f59e0b}
.warn.full{background:#fef2f2;color:#991b1b;border-color:#ef4444}
`;
