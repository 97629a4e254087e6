import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { listSeatHolders, seatHolderView } from "../../services/seats/seat-holders.ts";
import { releaseSeat } from "../../services/users/record-user.ts";

/** `/v1/accounts/…`: who holds the seats, and releasing one. */
export const seatRoutes = new Hono<AppEnv>();

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

seatRoutes.get("/:accountId/seats", async (c) => {
  const account = await loadAccount(c);
  const holders = await listSeatHolders(c.get("deps").db, account.id);
  return c.json({ data: holders.map(seatHolderView) });
});

seatRoutes.delete("/:accountId/users/:userId/seat", async (c) => {
  const account = await loadAccount(c);
  const userId = validate(externalId, c.req.param("userId"), "userId");
  const deps = c.get("deps");
  const result = await releaseSeat(deps.db, { account, externalId: userId, now: deps.clock() });
  if (!result) throw new TenureError("not_found", `no user ${userId} in account ${account.externalId}`);
  return c.json({ userId, released: result.released, seated: false });
});
