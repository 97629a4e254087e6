import { Hono } from "hono";
import type { AppEnv } from "../../env.ts";
import { readJson, validate } from "../../lib/body.ts";
import { checklistId, checklistPutBody } from "../../../shared/schemas/checklists.ts";
import { listChecklists } from "../../services/checklists/list-checklists.ts";
import { checklistView, putChecklist } from "../../services/checklists/put-checklist.ts";

/** `/v1/checklists`: the vendor defines onboarding checklists; each content change is a new version. */
export const checklistRoutes = new Hono<AppEnv>();

checklistRoutes.put("/:checklistId", async (c) => {
  const key = validate(checklistId, c.req.param("checklistId"), "checklistId");
  const definition = await readJson(c, checklistPutBody);
  const deps = c.get("deps");
  const tenant = c.get("tenant");
  const { row, created } = await putChecklist(deps.db, { tenantId: tenant.id, key, definition, now: deps.clock() });
  return c.json(checklistView(row), created ? 201 : 200);
});

checklistRoutes.get("/", async (c) => {
  const rows = await listChecklists(c.get("deps").db, c.get("tenant").id);
  return c.json({ data: rows.map(checklistView) });
});
