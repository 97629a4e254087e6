/**
 * The app bundle (`/widget/app.js`), loaded by the loader. It takes over the queue and
 * serves every `Tenure(...)` call from here on. Nothing it does may throw into the page.
 */
import { createEmitter } from "./lib/emitter.ts";
import { HANDOFF_KEY } from "./lib/handoff.ts";
import type { Handoff } from "./lib/handoff.ts";
import { startSession } from "./lib/session.ts";
import type { Session } from "./lib/session.ts";
import { drainTracks, enqueueTrack } from "./lib/track-queue.ts";
import { attempt } from "./lib/attempt.ts";
import type { TokenSource } from "./lib/token.ts";

interface InitOptions {
  publishableKey: string;
  userToken: TokenSource;
  locale: string | null;
}

/** A token, or a function that returns one (called again before `exp`). */
function readToken(value: unknown): TokenSource | null {
  return typeof value == "string" || typeof value == "function" ? (value as TokenSource) : null;
}

function readInit(value: unknown): InitOptions | null {
  const o = value as { publishableKey?: unknown; userToken?: unknown; locale?: unknown } | null;
  const userToken = o && readToken(o.userToken);
  if (!o || typeof o.publishableKey !== "string" || !userToken) return null;
  return { publishableKey: o.publishableKey, userToken, locale: typeof o.locale === "string" ? o.locale : null };
}

function start(h: Handoff): void {
  const emitter = createEmitter();
  let session: Session | null = null;
  let current: unknown[] = [];

  function run(args: ArrayLike<unknown>): void {
    const [command, a, b] = [args[0], args[1], args[2]];
    switch (command) {
      case "init": {
        const options = readInit(a);
        if (!options) return console.warn("[Tenure] init needs { publishableKey, userToken }");
        const key = [options.publishableKey, options.userToken, options.locale];
        if (session && key.every((part, i) => part === current[i])) return;
        session?.destroy();
        current = key;
        session = startSession({ base: h.base, ...options, prefetch: h.pre, emitter });
        h.pre = undefined;
        return;
      }
      case "identify": {
        const token = readToken(a) ?? readToken((a as { userToken?: unknown } | null)?.userToken);
        if (token) session?.identify(token);
        return;
      }
      case "track":
        return void enqueueTrack(a, b, session ? session.now() : Date.now());
      case "open":
        return session?.open(String(a));
      case "on":
        return emitter.on(String(a), b);
      case "off":
        return emitter.off(String(a), b);
      case "shutdown":
        // Logout: forget the user entirely; the host's handlers stay for the next login.
        session?.destroy();
        session = null;
        current = [];
        drainTracks();
        emitter.reset();
        return;
      default:
        console.warn("[Tenure] unknown command", command);
    }
  }

  h.run = (args) => attempt(() => run(args));
  const queued = h.q.splice(0, h.q.length);
  for (const args of queued) h.run(args);
}

attempt(() => {
  const h = (window as unknown as Record<string, Handoff | undefined>)[HANDOFF_KEY];
  // Loaded twice, or without the loader: the first copy (or nobody) owns the queue.
  if (h && !h.run) start(h);
});
