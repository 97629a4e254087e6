import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { streamBody } from "../../../shared/schemas/widget.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import { declare, documentedRouter, errors, noKey, widgetBody } from "../openapi.ts";
import { WIDGET_ERRORS } from "./index.ts";

/**
 * `POST /v1/widget/stream`: server push to open widgets. A CORS-simple streaming POST
 * (`text/plain` body with the publishable key and user token, so the token stays out of
 * URLs and logs); the answer is a line stream (push-stream.ts). Mounted after the widget
 * router, whose middleware gives it the same CORS and clock headers.
 */
export const widgetStreamRoutes = documentedRouter();

const stream = createRoute({
  method: "post",
  path: "/stream",
  tags: ["Widget"],
  summary: "Server push to an open widget",
  description: "A line stream: each line says the widget's state changed (bootstrap again). It ends at the token's `exp`; the widget reconnects.",
  security: noKey,
  request: { body: widgetBody(streamBody) },
  responses: { 200: { description: "The stream", content: { "text/event-stream": { schema: z.string() } } }, ...errors(...WIDGET_ERRORS) },
});
declare(widgetStreamRoutes, stream, async (c) => {
  const body = validate(streamBody, await readWidgetBody(c));
  // The account must exist (404 otherwise): a stream is only for a widget that can render.
  const { tenant, account, claims } = await widgetIdentity(c, body);
  const deps = c.get("deps");
  const stream = await deps.push!.open({ tenantId: tenant.id, accountId: account.id, until: claims.exp * 1000, now: deps.clock() });
  return c.body(stream, 200, { "Content-Type": "text/event-stream; charset=utf-8", "X-Accel-Buffering": "no" });
});
