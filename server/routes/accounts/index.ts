import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
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
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";
import { grantSchema, termSchema } from "./schemas.ts";

/** `/v1/accounts/…`: the vendor's server API for accounts, contracts and grants (entitlement: routes/hot.ts). */
export const accountRoutes = documentedRouter();

const accountSchema = z.object({
  id: z.string(),
  name: z.string(),
  timezone: z.string(),
  locale: z.string().nullable(),
  segment: z.enum(["high_touch", "tech_touch"]),
  stage: z.string().nullable(),
  owner: z.string().nullable(),
  createdAt: isoInstant,
  updatedAt: isoInstant,
});

function accountIdParam(c: Context<AppEnv>): string {
  return validate(externalId, c.req.param("accountId"), "accountId");
}

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, accountIdParam(c));
}

function accountView(account: AccountRow): z.infer<typeof accountSchema> {
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

const putAccount = createRoute({
  method: "put",
  path: "/{accountId}",
  tags: ["Accounts"],
  summary: "Create or update a customer account",
  description: "Upserts by your own id. `owner` omitted keeps the current owner; `null` clears it.",
  security: secretKey,
  request: { params: accountParams, body: jsonBody(accountUpsertBody) },
  responses: { 200: json(accountSchema, "Updated"), 201: json(accountSchema, "Created"), ...errors(...KEY_ERRORS, 415) },
});
declare(accountRoutes, putAccount, async (c) => {
  const id = accountIdParam(c);
  const body = await readJson(c, accountUpsertBody);
  const deps = c.get("deps");
  const { account, created } = await upsertAccount(deps.db, { tenantId: c.get("tenant").id, externalId: id, body, now: deps.clock() });
  return c.json(accountView(account), created ? 201 : 200);
});

const getAccount = createRoute({
  method: "get",
  path: "/{accountId}",
  tags: ["Accounts"],
  summary: "Read an account",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(accountSchema, "The account"), ...errors(...KEY_ERRORS, 404) },
});
declare(accountRoutes, getAccount, async (c) => c.json(accountView(await loadAccount(c))));

const putContractRoute = createRoute({
  method: "put",
  path: "/{accountId}/contract",
  tags: ["Accounts"],
  summary: "Set the current contract term",
  description:
    "`endDate` is the last day, inclusive, in the account's time zone: a term ending 2026-12-31 in Asia/Shanghai ends at 2026-12-31T16:00:00.000Z. 201 when a new term starts, 200 when the current one changes.",
  security: secretKey,
  request: { params: accountParams, body: jsonBody(contractPutBody) },
  responses: { 200: json(termSchema, "The current term, changed"), 201: json(termSchema, "A new term"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(accountRoutes, putContractRoute, async (c) => {
  const account = await loadAccount(c);
  const body = await readJson(c, contractPutBody);
  const deps = c.get("deps");
  const { term, created } = await putContract(deps.db, { account, body, now: deps.clock() });
  return c.json(termView(term), created ? 201 : 200);
});

const postGrant = createRoute({
  method: "post",
  path: "/{accountId}/grants",
  tags: ["Grants"],
  summary: "Gift bonus seats, time or a feature",
  description:
    "Seats widen use without touching the term. Time (`days` in the account's calendar, or absolute `hours`) extends access, never the contract end that renewals and ARR are planned on.",
  security: secretKey,
  request: { params: accountParams, body: jsonBody(grantCreateBody) },
  responses: { 201: json(grantSchema, "The grant, now in the ledger"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(accountRoutes, postGrant, async (c) => {
  const account = await loadAccount(c);
  const body = await readJson(c, grantCreateBody);
  const deps = c.get("deps");
  const grant = await createGrant(deps.db, { account, body, createdBy: c.get("keyId"), now: deps.clock() });
  return c.json(grantView(grant), 201);
});

const listGrantsRoute = createRoute({
  method: "get",
  path: "/{accountId}/grants",
  tags: ["Grants"],
  summary: "The account's grants ledger",
  security: secretKey,
  request: { params: accountParams },
  responses: { 200: json(z.object({ data: z.array(grantSchema) }), "Every grant, oldest first"), ...errors(...KEY_ERRORS, 404) },
});
declare(accountRoutes, listGrantsRoute, async (c) => {
  const account = await loadAccount(c);
  const rows = await listGrants(c.get("deps").db, account.id);
  return c.json({ data: rows.map(grantView) });
});
