/** The NPS card's styles (adopted into the shadow root when it first shows). Top right, clear of the banner (bottom right) and the checklist (bottom left). */
export const NPS_CSS = `
.nps{position:fixed;inset:16px 16px auto auto;margin:0;height:auto;z-index:2147483000;box-sizing:border-box;width:380px;max-width:calc(100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:16px;border-radius:var(--rad);background:#fff;color:#111827;border:1px solid #d1d5db;box-shadow:0 12px 32px rgba(17,24,39,.18)}
.nps fieldset{all:unset;display:block;margin:10px 0 0}
.nps .scale{display:flex;gap:3px}
.nps .scale label{flex:1 1 0;min-width:0;position:relative;display:block}
.nps .scale input{position:absolute;opacity:0;width:100%;height:100%;margin:0;cursor:pointer}
.nps .scale span{display:block;box-sizing:border-box;height:34px;line-height:32px;text-align:center;border:1px solid #6b7280;border-radius:6px;font-weight:600;color:#111827;background:#fff}
.nps .scale input:checked+span{background:var(--a);color:var(--oa);border-color:var(--a)}
.nps .scale input:focus-visible+span{outline:3px solid #2563eb;outline-offset:2px}
.nps .ends{display:flex;justify-content:space-between;gap:8px;margin-top:4px;font-size:12px;color:#4b5563}
.nps .fld{display:block;margin:10px 0 4px;font-weight:600}
.nps textarea{all:unset;box-sizing:border-box;display:block;width:100%;min-height:56px;padding:8px 10px;border:1px solid #6b7280;border-radius:8px;background:#fff;color:#111827;white-space:pre-wrap;overflow-wrap:anywhere}
.nps textarea:focus-visible{outline:3px solid #2563eb;outline-offset:2px}
.nps .err{color:#b91c1c;margin-top:6px}
.sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
@media (max-width:480px){.nps{inset:8px 8px auto 8px;width:auto;max-width:none;max-height:calc(100vh - 16px)}}
`;
