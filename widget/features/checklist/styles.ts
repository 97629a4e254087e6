/** The checklist's styles (adopted into the shadow root when it first shows). Bottom left, clear of the banner. */
export const CHECKLIST_CSS = `
.cl{position:fixed;left:16px;bottom:16px;z-index:2147483000;width:340px;max-width:calc(100vw - 32px);max-height:calc(100vh - 32px);overflow:auto;padding:16px;border-radius:var(--rad);background:#fff;border:1px solid #d1d5db;box-shadow:0 12px 32px rgba(17,24,39,.18)}
.cl.mini{width:auto;padding:0;border:0;background:none;box-shadow:none;overflow:visible}
.cl .pill{background:var(--a);color:var(--oa);border-radius:999px;padding:10px 16px;box-shadow:0 8px 24px rgba(17,24,39,.25)}
.cl ol{all:unset;display:block;margin:10px 0 0}
.cl li{all:unset;display:flex;gap:10px;align-items:flex-start;padding:7px 0;border-top:1px solid #f3f4f6}
.cl li:first-child{border-top:0}
.ck{flex:none;display:inline-flex!important;align-items:center;justify-content:center;width:20px;height:20px;border-radius:50%;border:2px solid #9ca3af;font-size:12px;line-height:16px;font-weight:700}
li[data-done=true] .ck{background:#15803d;border-color:#15803d;color:#fff}
li[data-done=true] .st{color:#4b5563;text-decoration:line-through}
li.new{animation:tw-tick 2.4s ease-out}
@keyframes tw-tick{from{background:#dcfce7}to{background:transparent}}
@media (prefers-reduced-motion:reduce){li.new{animation:none}}
.cl .cnt{margin-left:auto;white-space:nowrap}
.sr{position:absolute!important;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.cl .meter{margin:8px 0 4px}
.ok{color:#15803d;font-weight:600}
`;
