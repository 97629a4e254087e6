import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { respond } from "../../lib/respond.ts";
import { onError } from "../../middleware/errors.ts";
import { bootstrapBody } from "../../../shared/schemas/widget.ts";
import { bootstrapFor } from "../../services/widget/bootstrap.ts";
import { snapshotJson } from "../../services/widget/snapshot-cache.ts";
import { widgetHeaders } from "./headers.ts";
import { readWidgetBody, widgetCaller } from "./request.ts";
import { issuerOf } from "../issuer.ts";

/**
 * `POST /v1/widget/bootstrap`: everything the widget renders from, in one answer (or a 304
 * for the ETag it already has). The hottest route: it runs outside the widget router's
 * middleware (routes/hot.ts) and answers with plain-object headers; its errors carry the
 * same widget headers the router would have set.
 */
export async function bootstrapRoute(c: Context<AppEnv>): Promise<Response> {
  const deps = c.get("deps");
  const headers = widgetHeaders(c.req.header("origin"), deps.clock());
  try {
    const body = validate(bootstrapBody, await readWidgetBody(c));
    const caller = await widgetCaller(c, body);
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
