import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { listSeatHolders, seatHolderView } from "../../services/seats/seat-holders.ts";
import { releaseSeat } from "../../services/users/record-user.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, isoInstant, json, secretKey } from "../openapi.ts";

/** `/v1/accounts/…`: who holds the seats, and releasing one. */
export const seatRoutes = documentedRouter();

const holderSchema = z.object({
  userId: z.string(),
  name: z.string().nullable(),
  role: z.enum(["admin", "member"]),
  lastActiveAt: isoInstant,
  assignedAt: isoInstant,
});

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

const listRoute = createRoute({
  method: "get",
  path: "/{accountId}/seats",
  tags: ["Seats"],
  summary: "Who holds the account's seats, most recently active first",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(z.object({ data: z.array(holderSchema) }), "Seat holders"), ...errors(...KEY_ERRORS, 404) },
});
declare(seatRoutes, listRoute, async (c) => {
  const account = await loadAccount(c);
  const holders = await listSeatHolders(c.get("deps").db, account.id);
  return c.json({ data: holders.map(seatHolderView) });
});

const releaseRoute = createRoute({
  method: "delete",
  path: "/{accountId}/users/{userId}/seat",
  tags: ["Seats"],
  summary: "Release a user's seat",
  description: "They take one again on their next visit when the seat policy leaves room.",
  security: secretKey,
  request: { params: accountParams.extend({ userId: z.string().describe("Your user id (the token's sub)") }) },
  responses: {
    200: json(z.object({ userId: z.string(), released: z.boolean(), seated: z.literal(false) }), "Released (false: it was already free)"),
    ...errors(...KEY_ERRORS, 404),
  },
});
declare(seatRoutes, releaseRoute, async (c) => {
  const account = await loadAccount(c);
  const userId = validate(externalId, c.req.param("userId"), "userId");
  const deps = c.get("deps");
  const result = await releaseSeat(deps.db, { account, externalId: userId, now: deps.clock() });
  if (!result) throw new TenureError("not_found", `no user ${userId} in account ${account.externalId}`);
  return c.json({ userId, released: result.released, seated: false });
});
