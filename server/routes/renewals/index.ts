import { createRoute } from "@hono/zod-openapi";
import type { Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { parseJsonText, readBodyText, validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { idempotencyKey, renewalCompleteBody, renewalFailBody, renewalResponse, renewalStartBody } from "../../../shared/schemas/renewals.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import type { AccountRow } from "../../services/accounts/find-account.ts";
import { termView } from "../../services/contracts/put-contract.ts";
import { completeRenewal } from "../../services/renewals/complete-renewal.ts";
import { endRenewal } from "../../services/renewals/end-renewal.ts";
import { withIdempotencyKey } from "../../services/renewals/idempotency.ts";
import { listRenewals } from "../../services/renewals/list-renewals.ts";
import { startRenewal, startedView } from "../../services/renewals/start-renewal.ts";
import { findRenewal } from "../../services/renewals/view.ts";
import type { RenewalRow } from "../../services/renewals/view.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";
import { termSchema } from "../accounts/schemas.ts";

/** `/v1/accounts/{accountId}/renewals…` (secret key): start, read, complete or fail a renewal. */
export const renewalRoutes = documentedRouter();

const renewalParams = accountParams.extend({ renewalId: z.string().describe("ren_…") });
const declineSchema = z.object({
  id: z.string(),
  termId: z.string(),
  reason: z.string(),
  detail: z.string().nullable(),
  userId: z.string(),
  recoveryStatus: z.string(),
  at: isoInstant,
});

async function loadAccount(c: Context<AppEnv>): Promise<AccountRow> {
  return findAccount(c.get("deps").db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
}

async function loadRenewal(c: Context<AppEnv>, account: AccountRow): Promise<RenewalRow> {
  const renewalId = c.req.param("renewalId") ?? "";
  if (!/^ren_[1-9A-HJ-NP-Za-km-z]{16}$/.test(renewalId)) throw new TenureError("not_found", `no renewal ${renewalId.slice(0, 64)}`);
  return findRenewal(c.get("deps").db, { accountId: account.id, renewalId });
}

/** A JSON body that may be left out entirely (these actions need no fields). */
async function readOptionalJson<S extends z.ZodType>(c: Context<AppEnv>, schema: S): Promise<z.infer<S>> {
  const text = await readBodyText(c);
  if (text.trim() === "") return validate(schema, {});
  if (!/^application\/json\b/i.test(c.req.header("content-type") ?? "")) {
    throw new TenureError("unsupported_media_type", "send the body as application/json");
  }
  return validate(schema, parseJsonText(text));
}

const startRoute = createRoute({
  method: "post",
  path: "/{accountId}/renewals",
  tags: ["Renewals"],
  summary: "Start a renewal of the current term",
  description:
    "201 with a new pending renewal, or 200 with the one already open. While it is pending, access is held until max(accessEndsAt, startedAt) + the hold (24 h by default), once per term. The same `Idempotency-Key` replays the first answer. The body may be left out.",
  security: secretKey,
  request: {
    params: accountParams,
    headers: z.object({ "Idempotency-Key": idempotencyKey.optional().describe("Replays the first answer for the same key and request") }),
    body: jsonBody(renewalStartBody, { required: false }),
  },
  responses: { 200: json(renewalResponse, "The renewal already open"), 201: json(renewalResponse, "A new renewal"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(renewalRoutes, startRoute, async (c) => {
  const account = await loadAccount(c);
  const body = await readOptionalJson(c, renewalStartBody);
  const header = c.req.header("idempotency-key");
  const key = header === undefined ? null : validate(idempotencyKey, header, "Idempotency-Key header");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const now = deps.clock();
  const answer = await withIdempotencyKey(
    deps.db,
    { tenantId: tenant.id, key, request: `POST renewals ${account.id} ${JSON.stringify(body)}`, now },
    async () => {
      const { renewal, created } = await startRenewal(deps.db, {
        tenant,
        account,
        startedBy: c.get("keyId"),
        now,
        ...(body.seats !== undefined ? { seats: body.seats } : {}),
        ...(body.amount !== undefined ? { amount: body.amount } : {}),
        returnUrl: body.returnUrl ?? null,
        serverOrigin: new URL(c.req.url).origin,
        allowPrivateTargets: deps.allowPrivateWebhookTargets === true,
      });
      return { status: created ? 201 : 200, body: await startedView(deps.db, renewal, account.externalId) };
    },
  );
  return c.json(answer.body, answer.status as 200 | 201);
});

const listRoute = createRoute({
  method: "get",
  path: "/{accountId}/renewals",
  tags: ["Renewals"],
  summary: "The account's renewals, newest first, and its \"don't renew\" answers (recovery cases)",
  security: secretKey,
  request: { params: accountParams },
  responses: {
    200: json(z.object({ data: z.array(renewalResponse), declines: z.array(declineSchema) }), "Renewals and declines"),
    ...errors(...KEY_ERRORS, 404),
  },
});
declare(renewalRoutes, listRoute, async (c) => c.json(await listRenewals(c.get("deps").db, await loadAccount(c))));

const getRoute = createRoute({
  method: "get",
  path: "/{accountId}/renewals/{renewalId}",
  tags: ["Renewals"],
  summary: "One renewal",
  security: secretKey,
  request: { params: renewalParams },
  responses: { 200: json(renewalResponse, "The renewal"), ...errors(...KEY_ERRORS, 404) },
});
declare(renewalRoutes, getRoute, async (c) => {
  const account = await loadAccount(c);
  return c.json(await startedView(c.get("deps").db, await loadRenewal(c, account), account.externalId));
});

const completeRoute = createRoute({
  method: "post",
  path: "/{accountId}/renewals/{renewalId}/complete",
  tags: ["Renewals"],
  summary: "Payment confirmed: start the next term",
  description:
    "The next term starts at the old contractEndsAt and runs as long in calendar terms, with the uplift applied; seats and amount as renewed. Completing twice answers the first result. The body may be left out.",
  security: secretKey,
  request: { params: renewalParams, body: jsonBody(renewalCompleteBody, { required: false }) },
  responses: { 200: json(renewalResponse.extend({ newTerm: termSchema }), "Completed, with the new term"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(renewalRoutes, completeRoute, async (c) => {
  const account = await loadAccount(c);
  const renewal = await loadRenewal(c, account);
  const body = await readOptionalJson(c, renewalCompleteBody);
  const deps = c.get("deps");
  const result = await completeRenewal(deps.db, {
    renewal,
    ...(body.seats !== undefined ? { seats: body.seats } : {}),
    ...(body.amount !== undefined ? { amount: body.amount } : {}),
    completedBy: c.get("keyId"),
    now: deps.clock(),
  });
  return c.json({ ...(await startedView(deps.db, result.renewal, account.externalId)), newTerm: termView(result.term) });
});

const failRoute = createRoute({
  method: "post",
  path: "/{accountId}/renewals/{renewalId}/fail",
  tags: ["Renewals"],
  summary: "The payment did not happen: the renewal fails and its hold lapses",
  security: secretKey,
  request: { params: renewalParams, body: jsonBody(renewalFailBody, { required: false }) },
  responses: { 200: json(renewalResponse, "Failed"), ...errors(...KEY_ERRORS, 404, 409, 415) },
});
declare(renewalRoutes, failRoute, async (c) => {
  const account = await loadAccount(c);
  const renewal = await loadRenewal(c, account);
  const body = await readOptionalJson(c, renewalFailBody);
  if (renewal.status === "completed") throw new TenureError("conflict", "the renewal is already completed");
  const deps = c.get("deps");
  const ended = await endRenewal(deps.db, { renewal, status: "failed", reason: body.reason ?? "payment failed", now: deps.clock() });
  return c.json(await startedView(deps.db, ended, account.externalId));
});
