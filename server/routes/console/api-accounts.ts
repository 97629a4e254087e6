import { Hono } from "hono";
import type { Context } from "hono";
import { readJson, validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { accountsQuery, giftBody, giftPreviewBody, noteBody, ownerBody, revokeBody } from "../../../shared/schemas/console.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { accountDetail } from "../../services/reports/account-detail.ts";
import { accountsCsv, accountsTable } from "../../services/reports/accounts-table.ts";
import { addNote, closeDecline, setOwner } from "../../services/staff/account-actions.ts";
import { giveGift, previewGift, revokeGrant } from "../../services/staff/gift.ts";
import { requirePermission } from "./session.ts";
import type { ConsoleEnv } from "./session.ts";

/** `/console/api/accounts…`: the accounts table, one account, gifts, notes, owner. */
export const consoleAccountRoutes = new Hono<ConsoleEnv>();

function loadAccount(c: Context<ConsoleEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

consoleAccountRoutes.get("/accounts", requirePermission("read"), async (c) => {
  const deps = c.get("deps");
  const query = validate(accountsQuery, c.req.query(), "query");
  return c.json(await accountsTable(deps.db, { tenantId: c.get("tenant").id, settings: c.get("tenant").settings, query, now: deps.clock() }));
});

consoleAccountRoutes.get("/accounts.csv", requirePermission("read"), async (c) => {
  const deps = c.get("deps");
  const query = validate(accountsQuery, c.req.query(), "query");
  const table = await accountsTable(deps.db, { tenantId: c.get("tenant").id, settings: c.get("tenant").settings, query, now: deps.clock(), all: true });
  return c.body(accountsCsv(table.rows), 200, {
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="accounts-${query.view}.csv"`,
  });
});

consoleAccountRoutes.get("/accounts/:accountId", requirePermission("read"), async (c) => {
  const deps = c.get("deps");
  return c.json(await accountDetail(deps.db, { account: await loadAccount(c), settings: c.get("tenant").settings, now: deps.clock() }));
});

consoleAccountRoutes.post("/accounts/:accountId/gifts/preview", requirePermission("gift"), async (c) => {
  const account = await loadAccount(c);
  const gift = await readJson(c, giftPreviewBody);
  return c.json(await previewGift(c.get("deps").db, { account, gift, now: c.get("deps").clock() }));
});

consoleAccountRoutes.post("/accounts/:accountId/gifts", requirePermission("gift"), async (c) => {
  const account = await loadAccount(c);
  const gift = await readJson(c, giftBody);
  const deps = c.get("deps");
  return c.json(await giveGift(deps.db, { account, gift, actor: c.get("actor"), now: deps.clock() }), 201);
});

consoleAccountRoutes.post("/accounts/:accountId/grants/:grantId/revoke", requirePermission("gift"), async (c) => {
  const account = await loadAccount(c);
  const { reason } = await readJson(c, revokeBody);
  const deps = c.get("deps");
  return c.json(await revokeGrant(deps.db, { account, grantId: c.req.param("grantId"), reason, actor: c.get("actor"), now: deps.clock() }));
});

consoleAccountRoutes.post("/accounts/:accountId/notes", requirePermission("note"), async (c) => {
  const account = await loadAccount(c);
  const { body } = await readJson(c, noteBody);
  const deps = c.get("deps");
  return c.json(await addNote(deps.db, { account, body, actor: c.get("actor"), now: deps.clock() }), 201);
});

consoleAccountRoutes.put("/accounts/:accountId/owner", requirePermission("owner.set"), async (c) => {
  const account = await loadAccount(c);
  const { owner } = await readJson(c, ownerBody);
  const deps = c.get("deps");
  return c.json(await setOwner(deps.db, { account, owner, actor: c.get("actor"), now: deps.clock() }));
});

consoleAccountRoutes.post("/accounts/:accountId/declines/:declineId/close", requirePermission("decline.follow_up"), async (c) => {
  const account = await loadAccount(c);
  const deps = c.get("deps");
  return c.json(await closeDecline(deps.db, { account, declineId: c.req.param("declineId"), actor: c.get("actor"), now: deps.clock() }));
});
