import type { MiddlewareHandler } from "hono";
import { routePath } from "hono/route";
import type { AppEnv } from "../env.ts";

/**
 * One JSON line per request: method, route (the registered pattern, so ids, query strings and
 * any key in a URL stay out of the log), status, duration and request id. Nothing from
 * headers or bodies is logged: no keys, tokens or secrets.
 * @example app.use("*", logRequests((line) => process.stdout.write(`${line}\n`)));
 */
export function logRequests(write: (line: string) => void): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const started = performance.now();
    try {
      await next();
    } finally {
      write(
        JSON.stringify({
          method: c.req.method,
          // After `next()` the route index points at the handler that answered.
          route: routePath(c),
          status: c.res.status,
          durationMs: Math.round((performance.now() - started) * 10) / 10,
          requestId: c.get("requestId") ?? null,
        }),
      );
    }
  };
}
