import type { MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import type { AppEnv } from "../env.ts";
import { errorResponse } from "./errors.ts";

/**
 * Refuses bodies over `maxSize` with a 413. A declared `Content-Length` is checked from the
 * header alone; only chunked bodies are counted as they stream. (Hono's own `bodyLimit`
 * touches `c.req.raw.body` on every request, which makes the Node adapter build a full web
 * `Request` and stream for it — several times the cost of the rest of a widget read.)
 */
export function limitBody(maxSize: number): MiddlewareHandler<AppEnv> {
  const tooLarge = (c: Parameters<MiddlewareHandler<AppEnv>>[0]): Response => errorResponse(c, "payload_too_large", `the body is larger than ${maxSize} bytes`);
  const streaming = bodyLimit({ maxSize, onError: tooLarge });
  return async (c, next) => {
    if (c.req.method === "GET" || c.req.method === "HEAD" || c.req.method === "OPTIONS") return next();
    const declared = c.req.header("content-length");
    if (declared !== undefined && c.req.header("transfer-encoding") === undefined) {
      return Number(declared) > maxSize ? tooLarge(c) : next();
    }
    return streaming(c, next);
  };
}
