/** The value recap's styles (adopted into the shadow root when it first shows). */
export const RECAP_CSS = `
.recap{display:block;margin:12px 0;padding:12px;border-radius:8px;background:#f0fdfa;border:1px solid #99f6e4}
.recap h3{all:unset;display:block;font-weight:600;margin-bottom:2px}
.recap dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:8px 0 0}
.recap dt{color:#4b5563}
.recap dd{margin:0;font-weight:600}
`;
