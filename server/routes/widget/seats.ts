import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { widgetSeatReleaseBody, widgetSeatsBody } from "../../../shared/schemas/widget.ts";
import { listSeatHolders } from "../../services/seats/seat-holders.ts";
import { releaseSeat } from "../../services/users/record-user.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";
import { declare, documentedRouter, errors, json, noKey, widgetBody } from "../openapi.ts";
import { WIDGET_ERRORS } from "./index.ts";
import { widgetResponseHeaders, widgetSeatHolderSchema } from "./schemas.ts";

/** `/v1/widget/seats…`: the seats panel's holder list and release, for customer admins only. */
export const widgetSeatRoutes = documentedRouter();

function requireAdmin(identity: WidgetIdentity): void {
  if (identity.claims.role !== "admin") throw new TenureError("forbidden", "only admins see and release seats");
}

const seats = createRoute({
  method: "post",
  path: "/seats",
  tags: ["Widget"],
  summary: "Seat holders for the seats panel (admins only)",
  security: noKey,
  request: { body: widgetBody(widgetSeatsBody) },
  responses: {
    200: json(z.object({ holders: z.array(widgetSeatHolderSchema) }), "Most recently active first", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS),
  },
});
declare(widgetSeatRoutes, seats, async (c) => {
  const body = validate(widgetSeatsBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  requireAdmin(identity);
  const holders = await listSeatHolders(c.get("deps").db, identity.account.id);
  return c.json({ holders: holders.map((h) => ({ ...h, you: h.userId === identity.claims.sub })) });
});

const release = createRoute({
  method: "post",
  path: "/seats/release",
  tags: ["Widget"],
  summary: "An admin releases a seat from the seats panel",
  security: noKey,
  request: { body: widgetBody(widgetSeatReleaseBody) },
  responses: {
    200: json(z.object({ userId: z.string(), released: z.boolean() }), "Released (false: it was already free)", widgetResponseHeaders),
    ...errors(...WIDGET_ERRORS),
  },
});
declare(widgetSeatRoutes, release, async (c) => {
  const body = validate(widgetSeatReleaseBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  requireAdmin(identity);
  const result = await releaseSeat(c.get("deps").db, { account: identity.account, externalId: body.userId, now: c.get("deps").clock() });
  if (!result) throw new TenureError("not_found", `no user ${body.userId} in this account`);
  return c.json({ userId: body.userId, released: result.released });
});
