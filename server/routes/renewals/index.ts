import { Hono } from "hono";
import type { Context } from "hono";
import type { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { parseJsonText, readBodyText, validate } from "../../lib/body.ts";
import { TenureError } from "../../../shared/errors.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { idempotencyKey, renewalCompleteBody, renewalFailBody, renewalStartBody } from "../../../shared/schemas/renewals.ts";
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

/** `/v1/accounts/{accountId}/renewals…` (secret key): start, read, complete or fail a renewal. */
export const renewalRoutes = new Hono<AppEnv>();

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

renewalRoutes.post("/:accountId/renewals", async (c) => {
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

renewalRoutes.get("/:accountId/renewals", async (c) => c.json(await listRenewals(c.get("deps").db, await loadAccount(c))));

renewalRoutes.get("/:accountId/renewals/:renewalId", async (c) => {
  const account = await loadAccount(c);
  return c.json(await startedView(c.get("deps").db, await loadRenewal(c, account), account.externalId));
});

renewalRoutes.post("/:accountId/renewals/:renewalId/complete", async (c) => {
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

renewalRoutes.post("/:accountId/renewals/:renewalId/fail", async (c) => {
  const account = await loadAccount(c);
  const renewal = await loadRenewal(c, account);
  const body = await readOptionalJson(c, renewalFailBody);
  if (renewal.status === "completed") throw new TenureError("conflict", "the renewal is already completed");
  const deps = c.get("deps");
  const ended = await endRenewal(deps.db, { renewal, status: "failed", reason: body.reason ?? "payment failed", now: deps.clock() });
  return c.json(await startedView(deps.db, ended, account.externalId));
});
