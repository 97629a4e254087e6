import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { widgetSeatReleaseBody, widgetSeatsBody } from "../../../shared/schemas/widget.ts";
import { listSeatHolders } from "../../services/seats/seat-holders.ts";
import { releaseSeat } from "../../services/users/record-user.ts";
import type { WidgetIdentity } from "../../services/widget/authenticate.ts";
import { readWidgetBody, widgetIdentity } from "./request.ts";

/** `/v1/widget/seats…`: the seats panel's holder list and release, for customer admins only. */
export const widgetSeatRoutes = new Hono<AppEnv>();

function requireAdmin(identity: WidgetIdentity): void {
  if (identity.claims.role !== "admin") throw new TenureError("forbidden", "only admins see and release seats");
}

widgetSeatRoutes.post("/seats", async (c) => {
  const body = validate(widgetSeatsBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  requireAdmin(identity);
  const holders = await listSeatHolders(c.get("deps").db, identity.account.id);
  return c.json({ holders: holders.map((h) => ({ ...h, you: h.userId === identity.claims.sub })) });
});

widgetSeatRoutes.post("/seats/release", async (c) => {
  const body = validate(widgetSeatReleaseBody, await readWidgetBody(c));
  const identity = await widgetIdentity(c, body);
  requireAdmin(identity);
  const result = await releaseSeat(c.get("deps").db, { account: identity.account, externalId: body.userId, now: c.get("deps").clock() });
  if (!result) throw new TenureError("not_found", `no user ${body.userId} in this account`);
  return c.json({ userId: body.userId, released: result.released });
});
