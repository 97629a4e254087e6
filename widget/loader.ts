/**
 * The loader served at `/widget.js`. It replaces the queue stub from the snippet, starts the
 * bootstrap request on `init` in parallel with loading the app bundle (one round trip from
 * script load to a rendered widget), and hands both to the app. It must never throw.
 */
import { timedPost } from "./api/http.ts";
import { BOOTSTRAP_PATH, HANDOFF_KEY, prefetchKey } from "./lib/handoff.ts";
import type { Handoff } from "./lib/handoff.ts";

type TenureFn = ((...args: unknown[]) => void) & { q?: ArrayLike<unknown>[]; l?: 1 };
type Host = Window & { Tenure?: TenureFn; [HANDOFF_KEY]?: Handoff };

function boot(w: Host, d: Document): void {
  const stub = w.Tenure;
  // Double include: the second copy does nothing, the first keeps working.
  if (stub && stub.l) return;
  const script = (d.currentScript || d.querySelector('script[src*="widget.js"]')) as HTMLScriptElement | null;
  const src = (script && script.src) || "";
  const h: Handoff = { base: src.slice(0, src.lastIndexOf("/")), q: [] };
  const api: TenureFn = function (this: unknown) {
    // `arguments`, not rest parameters: it is what the stub queued and keeps the bundle small.
    const args = arguments as ArrayLike<unknown>;
    try {
      if (h.run) return h.run(args);
      const opts = args[1] as { publishableKey?: unknown; userToken?: unknown } | undefined;
      if (args[0] === "init" && opts && typeof opts.publishableKey == "string" && typeof opts.userToken == "string") {
        h.pre = {
          key: prefetchKey(opts.publishableKey, opts.userToken),
          p: timedPost(h.base + BOOTSTRAP_PATH, { publishableKey: opts.publishableKey, userToken: opts.userToken }),
        };
      }
      h.q.push(args);
    } catch {
      // Fail open: a broken call must not break the host page.
    }
  };
  api.l = 1;
  w[HANDOFF_KEY] = h;
  w.Tenure = api;
  const queued = (stub && stub.q) || [];
  for (let i = 0; i < queued.length; i++) api.apply(null, Array.prototype.slice.call(queued[i]));
  const app = d.createElement("script");
  // An ES module, so it can import its on-demand parts (which inherit its nonce).
  app.type = "module";
  app.src = h.base + "/widget/app.js";
  app.async = true;
  // Strict CSP: the app is allowed by the same nonce that allowed us.
  if (script && script.nonce) app.nonce = script.nonce;
  (d.head || d.documentElement).appendChild(app);
}

try {
  boot(window as Host, document);
} catch {
  // Fail open.
}
