/**
 * The one wire error shape and its codes. Services throw `TenureError`; the server's
 * `onError` maps `code` to a status through `errorStatus` — the only place statuses live.
 */
export const ErrorCode = {
  badRequest: "bad_request",
  validationFailed: "validation_failed",
  unauthorized: "unauthorized",
  /** A user token past its `exp`: the widget asks the host for a fresh one. */
  tokenExpired: "token_expired",
  forbidden: "forbidden",
  notFound: "not_found",
  /** A known path asked with a method it does not have; `Allow` lists the ones it has. */
  methodNotAllowed: "method_not_allowed",
  conflict: "conflict",
  payloadTooLarge: "payload_too_large",
  unsupportedMediaType: "unsupported_media_type",
  rateLimited: "rate_limited",
  internal: "internal_error",
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export const errorStatus: Record<ErrorCode, 400 | 401 | 403 | 404 | 405 | 409 | 413 | 415 | 429 | 500> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  token_expired: 401,
  forbidden: 403,
  not_found: 404,
  method_not_allowed: 405,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  internal_error: 500,
};

export interface ErrorBody {
  error: { code: ErrorCode; message: string; requestId: string; details?: unknown };
}

export class TenureError extends Error {
  override readonly name = "TenureError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: unknown,
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }
}
