/** The reason form's styles (adopted into the shadow root when it first shows). */
export const DECLINE_CSS = `
fieldset{all:unset;display:block;margin:12px 0}
legend{all:unset;display:block;font-weight:600;margin-bottom:6px}
.opt{display:flex;align-items:center;gap:8px;padding:6px 0;cursor:pointer}
.opt input{all:revert;margin:0;width:16px;height:16px;accent-color:var(--a)}
.fld{display:block;margin:8px 0 4px;font-weight:600}
textarea{all:unset;box-sizing:border-box;display:block;width:100%;min-height:72px;padding:8px 10px;border:1px solid #6b7280;border-radius:8px;background:#fff;color:#111827;white-space:pre-wrap;overflow-wrap:anywhere}
textarea:focus-visible,.opt input:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
textarea[aria-invalid=true]{border-color:#b91c1c}
.err{color:#b91c1c;margin-top:6px}
`;
