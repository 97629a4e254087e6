/**
 * The headers every widget answer carries: server time (the widget's clock), no caching, and
 * CORS for the calling page — on refusals (401, 403) too, so a page whose origin the tenant
 * does not allow can read why; such an answer carries only the reason.
 */
export function widgetHeaders(origin: string | undefined, now: number): Record<string, string> {
  const headers: Record<string, string> = { "X-Tenure-Now": String(now), "Cache-Control": "no-store", Vary: "Origin" };
  if (origin) {
    headers["Access-Control-Allow-Origin"] = origin;
    headers["Access-Control-Expose-Headers"] = "X-Tenure-Now, ETag, X-Request-Id";
  }
  return headers;
}
