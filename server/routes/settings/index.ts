import { Hono } from "hono";
import { z } from "zod";
import type { AppEnv } from "../../env.ts";
import { readJson } from "../../lib/body.ts";
import { getSettings, settingsView, updateSettings } from "../../services/settings/update-settings.ts";

/** `/v1/settings` (secret key): the vendor's renewal, payment and widget settings. */
export const settingsRoutes = new Hono<AppEnv>();

/**
 * Any JSON object, kept as parsed (a record schema would quietly drop `__proto__`, which must
 * be refused as an unknown setting instead); which keys and values are allowed is the
 * settings schema's call.
 */
const patchBody = z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), "must be a JSON object");

settingsRoutes.get("/", async (c) => c.json(settingsView(await getSettings(c.get("deps").db, c.get("tenant").id))));

settingsRoutes.patch("/", async (c) => {
  const patch = await readJson(c, patchBody);
  const settings = await updateSettings(c.get("deps").db, {
    tenantId: c.get("tenant").id,
    patch,
    allowPrivateTargets: c.get("deps").allowPrivateWebhookTargets === true,
    now: c.get("deps").clock(),
  });
  return c.json(settingsView(settings));
});
