import { Hono } from "hono";
import type { Context } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { accountUpsertBody, contractPutBody, grantCreateBody } from "../../../shared/schemas/accounts.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { upsertAccount } from "../../services/accounts/upsert-account.ts";
import { putContract, termView } from "../../services/contracts/put-contract.ts";
import { createGrant, grantView } from "../../services/grants/create-grant.ts";
import { listGrants } from "../../services/grants/list-grants.ts";

/** `/v1/accounts/…`: the vendor's server API for accounts, contracts, grants and entitlement. */
export const accountRoutes = new Hono<AppEnv>();

function accountIdParam(c: Context<AppEnv>): string {
  return validate(externalId, c.req.param("accountId"), "accountId");
}

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, accountIdParam(c));
}

function accountView(account: AccountRow): Record<string, unknown> {
  return {
    id: account.externalId,
    name: account.name,
    timezone: account.timezone,
    locale: account.locale,
    segment: account.segment,
    stage: account.stage,
    owner: account.owner,
    createdAt: new Date(account.createdAt).toISOString(),
    updatedAt: new Date(account.updatedAt).toISOString(),
  };
}

accountRoutes.put("/:accountId", async (c) => {
  const id = accountIdParam(c);
  const body = await readJson(c, accountUpsertBody);
  const deps = c.get("deps");
  const { account, created } = await upsertAccount(deps.db, { tenantId: c.get("tenant").id, externalId: id, body, now: deps.clock() });
  return c.json(accountView(account), created ? 201 : 200);
});

accountRoutes.get("/:accountId", async (c) => c.json(accountView(await loadAccount(c))));

accountRoutes.put("/:accountId/contract", async (c) => {
  const account = await loadAccount(c);
  const body = await readJson(c, contractPutBody);
  const deps = c.get("deps");
  const { term, created } = await putContract(deps.db, { account, body, now: deps.clock() });
  return c.json(termView(term), created ? 201 : 200);
});

accountRoutes.post("/:accountId/grants", async (c) => {
  const account = await loadAccount(c);
  const body = await readJson(c, grantCreateBody);
  const deps = c.get("deps");
  const grant = await createGrant(deps.db, { account, body, createdBy: c.get("keyId"), now: deps.clock() });
  return c.json(grantView(grant), 201);
});

accountRoutes.get("/:accountId/grants", async (c) => {
  const account = await loadAccount(c);
  const rows = await listGrants(c.get("deps").db, account.id);
  return c.json({ data: rows.map(grantView) });
});

// GET /:accountId/entitlement answers from routes/hot.ts (entitlement.ts), ahead of the general middleware.
