import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { readJson, validate } from "../../lib/body.ts";
import { checklistId, checklistPutBody } from "../../../shared/schemas/checklists.ts";
import { listChecklists } from "../../services/checklists/list-checklists.ts";
import { checklistView, putChecklist } from "../../services/checklists/put-checklist.ts";
import { KEY_ERRORS, declare, documentedRouter, errors, isoInstant, json, jsonBody, secretKey } from "../openapi.ts";

/** `/v1/checklists`: the vendor defines onboarding checklists; each content change is a new version. */
export const checklistRoutes = documentedRouter();

/** A checklist version: its definition as sent, with its id, version and creation instant. */
const localized = z.record(z.string(), z.string()).describe('Text per locale, e.g. {"en": "…"}');
const checklistSchema = z.object({
  id: z.string(),
  version: z.int(),
  title: localized,
  steps: z.array(
    z.object({
      id: z.string(),
      title: localized,
      link: z.string().nullable(),
      rule: z.looseObject({ type: z.enum(["event", "property", "seats_active"]) }),
      firstValue: z.object({ deadlineDays: z.int() }).nullable(),
    }),
  ),
  createdAt: isoInstant,
});

const putRoute = createRoute({
  method: "put",
  path: "/{checklistId}",
  tags: ["Checklists"],
  summary: "Define an onboarding checklist",
  description: "Changed content is a new version (201); the same content answers the current version (200). Accounts keep the version they started.",
  security: secretKey,
  request: { params: z.object({ checklistId }), body: jsonBody(checklistPutBody) },
  responses: { 200: json(checklistSchema, "Unchanged: the current version"), 201: json(checklistSchema, "A new version"), ...errors(...KEY_ERRORS, 409, 415) },
});
declare(checklistRoutes, putRoute, async (c) => {
  const key = validate(checklistId, c.req.param("checklistId"), "checklistId");
  const definition = await readJson(c, checklistPutBody);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const { row, created } = await putChecklist(deps.db, { tenantId: tenant.id, key, definition, now: deps.clock() });
  return c.json(checklistView(row), created ? 201 : 200);
});

const listRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Checklists"],
  summary: "The latest version of each checklist",
  security: secretKey,
  responses: { 200: json(z.object({ data: z.array(checklistSchema) }), "Every checklist"), ...errors(...KEY_ERRORS) },
});
declare(checklistRoutes, listRoute, async (c) => {
  const rows = await listChecklists(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map(checklistView) });
});
