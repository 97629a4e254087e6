import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { TenureError } from "../../../shared/errors.ts";
import { respond } from "../../lib/respond.ts";
import { onError } from "../../middleware/errors.ts";
import { bootstrapFor } from "../../services/widget/bootstrap.ts";
import { snapshotJson } from "../../services/widget/snapshot-cache.ts";
import { widgetHeaders } from "./headers.ts";
import { verifiedBootstrapCall } from "../../services/widget/kept-calls.ts";
import { issuerOf } from "../issuer.ts";

/**
 * The body as text. The lenient decoder puts U+FFFD where bytes are not UTF-8, and no key,
 * token or ETag of ours contains one, so a body with it is refused as not UTF-8 (the strict
 * decoder other routes use costs a copy of the body on every read).
 */
async function readBootstrapText(c: Context<AppEnv>): Promise<string> {
  const text = await c.req.text();
  if (text.includes("\uFFFD")) throw new TenureError("bad_request", "the body is not valid UTF-8");
  return text;
}

/**
 * `POST /v1/widget/bootstrap`: everything the widget renders from, in one answer (or a 304
 * for the ETag it already has). The hottest route: it runs outside the widget router's
 * middleware (routes/hot.ts) and answers with plain-object headers; its errors carry the
 * same widget headers the router would have set.
 */
export async function bootstrapRoute(c: Context<AppEnv>): Promise<Response> {
  const deps = c.get("deps");
  const origin = c.req.header("origin");
  const headers = widgetHeaders(origin, deps.clock());
  try {
    const { body, caller } = await verifiedBootstrapCall(deps.db, await readBootstrapText(c), {
      origin: origin ?? null,
      now: deps.clock(),
      resolveKey: c.get("resolveKey"),
    });
    c.set("tenant", caller.tenant);
    // The issuer is only needed to sign a new snapshot's token; parsing the URL costs.
    const bootstrap = await bootstrapFor(deps.db, caller, deps.clock(), () => issuerOf(c));
    headers.ETag = bootstrap.etag;
    if (body.ifNoneMatch === bootstrap.etag) return respond(c, null, 304, headers);
    headers["Content-Type"] = "application/json";
    return respond(c, snapshotJson(bootstrap, deps.clock()), 200, headers);
  } catch (error) {
    for (const [name, value] of Object.entries(headers)) c.header(name, value);
    // A refusal keeps its CORS headers: the page reads the reason, never any data.
    return onError(error instanceof Error ? error : new Error(String(error)), c);
  }
}
