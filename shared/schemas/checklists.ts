import { z } from "zod";
import type { ChecklistDefinition } from "../checklists/rules.ts";
import { eventName } from "./events.ts";
import { locale } from "./common.ts";

const credentials = {
  publishableKey: z.string().min(1).max(128),
  userToken: z.string().min(1).max(4096),
};

export const checklistId = z.string().regex(/^[A-Za-z0-9_.:-]{1,64}$/, "must be 1–64 characters of A-Z a-z 0-9 _ . : -");

const localized = z
  .record(locale, z.string().trim().min(1).max(300))
  .refine((text) => Object.keys(text).length > 0, 'give the text in at least one locale, e.g. {"en": "…"}');

/** Absolute http(s) links, or paths in the vendor's app ("/settings/team"); never javascript:. */
const link = z
  .string()
  .max(2000)
  .refine((text) => /^https?:\/\/[^\s]+$/i.test(text) || /^\/(?!\/)[^\s]*$/.test(text), "must be an http(s) URL or a path starting with /");

const scope = z.enum(["user", "account"]).default("user");

const rule = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("event"), event: eventName, count: z.int().min(1).max(1_000_000).default(1), scope }),
  z.strictObject({
    type: z.literal("property"),
    event: eventName,
    property: z.string().min(1).max(200),
    equals: z.union([z.string().max(500), z.number(), z.boolean()]),
    scope,
  }),
  z.strictObject({ type: z.literal("seats_active"), percent: z.number().gt(0).max(100) }),
]);

const step = z.strictObject({
  id: checklistId,
  title: localized,
  link: link.nullable().optional(),
  rule,
  /** `true` (deadline 30 days after go-live) or `{ deadlineDays }`. */
  firstValue: z.union([z.literal(true), z.strictObject({ deadlineDays: z.int().min(1).max(3660) })]).optional(),
});

/** `PUT /v1/checklists/{checklistId}` */
export const checklistPutBody = z
  .strictObject({ title: localized, steps: z.array(step).min(1).max(50) })
  .refine((body) => new Set(body.steps.map((s) => s.id)).size === body.steps.length, { message: "step ids must be unique", path: ["steps"] })
  .refine((body) => body.steps.filter((s) => s.firstValue !== undefined).length <= 1, {
    message: "at most one step can be the first-value milestone",
    path: ["steps"],
  })
  .transform(
    (body): ChecklistDefinition => ({
      title: body.title,
      steps: body.steps.map((s) => ({
        id: s.id,
        title: s.title,
        link: s.link ?? null,
        rule: s.rule,
        firstValue: s.firstValue === undefined ? null : { deadlineDays: s.firstValue === true ? 30 : s.firstValue.deadlineDays },
      })),
    }),
  );

/** `POST /v1/widget/checklist` */
export const widgetChecklistBody = z.strictObject({ ...credentials, locale: locale.optional() });

const MAX_INSTANT = 8_640_000_000_000_000;
/** `POST /v1/widget/checklist/dismiss`: `until` snoozes to an instant (epoch ms); null dismisses for good. */
export const widgetDismissBody = z.strictObject({ ...credentials, checklistId, until: z.int().min(0).max(MAX_INSTANT).nullable() });

/** `POST /v1/widget/recap` */
export const widgetRecapBody = z.strictObject({ ...credentials, locale: locale.optional() });
