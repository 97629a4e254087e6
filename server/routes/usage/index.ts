import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { validate } from "../../lib/body.ts";
import { externalId } from "../../../shared/schemas/common.ts";
import { usageQuery } from "../../../shared/schemas/events.ts";
import { findAccount } from "../../services/accounts/find-account.ts";
import { usageView } from "../../services/usage/usage-view.ts";
import { KEY_ERRORS, accountParams, declare, documentedRouter, errors, json, secretKey } from "../openapi.ts";

/** `GET /v1/accounts/{id}/usage?days=N`: daily rollups, never raw events. Mounted at `/v1`. */
export const usageRoutes = documentedRouter();

const counts = z.record(z.string(), z.number());
const usageSchema = z.looseObject({
  accountId: z.string(),
  timezone: z.string(),
  activeUsers: z.int(),
  activeSeats30d: z.int(),
  totals: z.looseObject({ events: counts, features: counts, modules: counts }),
  days: z.array(z.looseObject({ date: z.string() })),
});

const usageRoute = createRoute({
  method: "get",
  path: "/accounts/{accountId}/usage",
  tags: ["Usage"],
  summary: "Daily usage rollups in the account's zone",
  description: "Events per name, feature and module, and active users, per local day (`?days=1–366`, default 30). Never raw events.",
  security: secretKey,
  request: { params: accountParams, query: usageQuery },
  responses: { 200: json(usageSchema, "Rollups"), ...errors(...KEY_ERRORS, 404) },
});
declare(usageRoutes, usageRoute, async (c) => {
  const id = validate(externalId, c.req.param("accountId"), "accountId");
  const query = validate(usageQuery, c.req.query(), "query");
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const account = await findAccount(deps.db, tenant.id, id);
  return c.json(await usageView(deps.db, { account, days: query.days, now: deps.clock() }));
});
