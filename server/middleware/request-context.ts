import type { Context, MiddlewareHandler } from "hono";
import type { AppDeps, AppEnv } from "../env.ts";
import { newRequestId } from "../lib/ids.ts";
import type { ResolvedKey } from "../services/tenants/resolve-key.ts";

/**
 * The one middleware every request pays for: a request id and the app's dependencies on the
 * context. It sets no header: a header set through Hono before the handler makes every
 * answer carry a web `Headers` object, which cost the Node adapter more than the routing
 * itself. Routes add `X-Request-Id` to their own answers (`lib/respond.ts`, `errorResponse`,
 * or the `X-Request-Id` middleware that the rest of the app runs behind).
 */
export function requestContext(deps: AppDeps, resolveKey: (key: string) => Promise<ResolvedKey | null>): MiddlewareHandler<AppEnv> {
  const setContext = contextSetter(deps, resolveKey);
  return async function setRequestContext(c, next) {
    setContext(c);
    await next();
  };
}

/** What `requestContext` does, as a plain call: the hot routes run it themselves (routes/hot.ts). */
export function contextSetter(deps: AppDeps, resolveKey: (key: string) => Promise<ResolvedKey | null>): (c: Context<AppEnv>) => void {
  return (c) => {
    c.set("requestId", newRequestId());
    c.set("deps", deps);
    c.set("resolveKey", resolveKey);
  };
}
