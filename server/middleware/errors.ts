import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import { TenureError, errorStatus } from "../../shared/errors.ts";
import type { ErrorBody, ErrorCode } from "../../shared/errors.ts";
import type { AppEnv } from "../env.ts";

export function errorResponse(c: Context<AppEnv>, code: ErrorCode, message: string, details?: unknown, headers?: Record<string, string>): Response {
  const requestId = c.get("requestId");
  const body: ErrorBody = { error: { code, message, requestId: requestId ?? "req_unknown", ...(details === undefined ? {} : { details }) } };
  // Hot routes set no header before their handler (middleware/request-context.ts): the id goes on here.
  return c.json(body, errorStatus[code], requestId === undefined ? headers : { ...headers, "X-Request-Id": requestId });
}

/** The one place errors become responses. Unknown errors are logged and answered 500. */
export function onError(err: Error, c: Context<AppEnv>): Response {
  if (err instanceof TenureError) return errorResponse(c, err.code, err.message, err.details, err.headers);
  if (err instanceof HTTPException) {
    const status = err.status;
    if (status === 413) return errorResponse(c, "payload_too_large", "the body is too large");
    if (status === 401) return errorResponse(c, "unauthorized", err.message || "unauthorized");
    if (status === 404) return errorResponse(c, "not_found", err.message || "not found");
    if (status >= 400 && status < 500) return errorResponse(c, "bad_request", err.message || "bad request");
  }
  console.error(`[${c.get("requestId")}]`, err);
  return errorResponse(c, "internal_error", "something went wrong on our side; the request id helps us find it");
}

export function onNotFound(c: Context<AppEnv>): Response {
  return errorResponse(c, "not_found", `no route for ${c.req.method} ${new URL(c.req.url).pathname}`);
}
