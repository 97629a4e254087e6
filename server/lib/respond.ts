import type { Context } from "hono";
import type { AppEnv } from "../env.ts";

/**
 * An answer whose headers are a plain object, with `X-Request-Id` among them. Hono's own
 * helpers build a web `Headers` object as soon as an answer has more than one header; with
 * a plain object the Node adapter writes the head directly. Used by the hot routes
 * (routes/hot.ts), which answer many times per second.
 * @example return respond(c, JSON.stringify(view), 200, { "Content-Type": "application/json" });
 */
export function respond(c: Context<AppEnv>, body: string | null, status: number, headers: Record<string, string>): Response {
  headers["X-Request-Id"] = c.get("requestId");
  return new Response(body, { status, headers });
}

/** `respond` with a JSON body. */
export function respondJson(c: Context<AppEnv>, value: unknown, status = 200, headers: Record<string, string> = {}): Response {
  headers["Content-Type"] = "application/json";
  return respond(c, JSON.stringify(value), status, headers);
}
