import { createRoute } from "@hono/zod-openapi";
import { z } from "zod";
import { readJson } from "../../lib/body.ts";
import { tenantSettingsSchema } from "../../services/tenants/settings.ts";
import { KEY_ERRORS, declare, documentedRouter, errors, json, jsonBody, secretKey } from "../openapi.ts";
import { getSettings, settingsView, updateSettings } from "../../services/settings/update-settings.ts";

/** `/v1/settings` (secret key): the vendor's renewal, payment and widget settings. */
export const settingsRoutes = documentedRouter();

/** The settings as answered: every setting, secrets only as hints (docs/guides/settings.md). */
const settingsSchema = z.looseObject({
  defaultGraceHours: z.int(),
  defaultLockMode: z.enum(["soft", "read_only", "hard"]),
  reminderWindowDays: z.int(),
  renewalProvider: z.enum(["url", "invoice", "stripe"]).nullable(),
  stripeSecretKey: z.string().nullable().describe("A hint, never the key"),
  stripeWebhookSecret: z.string().nullable().describe("A hint, never the secret"),
  renewalLinkSecret: z.string().nullable().describe('"set" when one is set, never the secret'),
});

/**
 * Any JSON object, kept as parsed (a record schema would quietly drop `__proto__`, which must
 * be refused as an unknown setting instead); which keys and values are allowed is the
 * settings schema's call.
 */
const patchBody = z.custom<Record<string, unknown>>((value) => typeof value === "object" && value !== null && !Array.isArray(value), "must be a JSON object");

const getRoute = createRoute({
  method: "get",
  path: "/",
  tags: ["Settings"],
  summary: "Your settings (secrets shown as hints)",
  security: secretKey,
  responses: { 200: json(settingsSchema, "The settings in force"), ...errors(...KEY_ERRORS) },
});
declare(settingsRoutes, getRoute, async (c) => c.json(settingsView(await getSettings(c.get("deps").db, c.get("tenant").id))));

const patchRoute = createRoute({
  method: "patch",
  path: "/",
  tags: ["Settings"],
  summary: "Change some settings",
  description: "Only the keys sent change; an unknown key is refused and nothing changes. Every key is described in the settings guide.",
  security: secretKey,
  request: { body: jsonBody(tenantSettingsSchema.partial()) },
  responses: { 200: json(settingsSchema, "The settings now in force"), ...errors(...KEY_ERRORS, 409, 415) },
});
declare(settingsRoutes, patchRoute, async (c) => {
  const patch = await readJson(c, patchBody);
  const settings = await updateSettings(c.get("deps").db, {
    tenantId: c.get("tenant").id,
    patch,
    allowPrivateTargets: c.get("deps").allowPrivateWebhookTargets === true,
    now: c.get("deps").clock(),
  });
  return c.json(settingsView(settings));
});
