/** The renewal status's styles (adopted into the shadow root when it first shows). */
export const RENEWAL_CSS = `
.rs{margin:8px 0}
.rs dl{display:grid;grid-template-columns:auto 1fr;gap:4px 12px;margin:8px 0;padding:10px 12px;border-radius:8px;background:#f3f4f6;color:#111827}
.rs dt{color:#4b5563}
.rs dd{margin:0;font-weight:600;font-variant-numeric:tabular-nums}
.rs .ref{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;letter-spacing:1px}
.card .rs a{color:inherit}
.rs .pay{white-space:pre-line;font-weight:400}
`;
