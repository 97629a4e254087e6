import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { renewalsReportQuery, retentionReportQuery } from "../../../shared/schemas/reports.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { recommendationFor } from "../../services/reports/recommend.ts";
import { renewalsReport } from "../../services/reports/renewals-report.ts";
import { retentionReport } from "../../services/reports/retention-report.ts";

/** `/v1/reports/…` and `/v1/accounts/{id}/recommendation`, with the secret key. Mounted at `/v1`. */
export const reportRoutes = new Hono<AppEnv>();

reportRoutes.get("/reports/renewals", async (c) => {
  const query = validate(renewalsReportQuery, c.req.query(), "query");
  return c.json(await renewalsReport(c.get("deps").db, { tenantId: c.get("tenant").id, ...query }));
});

reportRoutes.get("/reports/retention", async (c) => {
  const query = validate(retentionReportQuery, c.req.query(), "query");
  const deps = c.get("deps");
  return c.json(await retentionReport(deps.db, { tenantId: c.get("tenant").id, ...query, now: deps.clock() }));
});

reportRoutes.get("/accounts/:accountId/recommendation", async (c) => {
  const deps = c.get("deps");
  const account = await findAccount(deps.db, c.get("tenant").id, validate(externalId, c.req.param("accountId"), "accountId"));
  return c.json(await recommendationFor(deps.db, { account, now: deps.clock() }));
});
