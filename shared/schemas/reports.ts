import { z } from "zod";
import { calendarDate } from "./common.ts";

const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, "must be a month in the form YYYY-MM");

/** At most ten years per report: bounded work per request. */
const MAX_MONTHS = 120;

export const renewalsReportQuery = z
  .strictObject({ from: month, to: month })
  .refine((q) => q.from <= q.to, { message: "to must not be before from", path: ["to"] })
  .refine((q) => monthIndex(q.to) - monthIndex(q.from) < MAX_MONTHS, { message: `at most ${MAX_MONTHS} months`, path: ["to"] });

export const retentionReportQuery = z
  .strictObject({ from: calendarDate, to: calendarDate })
  .refine((q) => q.from <= q.to, { message: "to must not be before from", path: ["to"] })
  .refine((q) => Date.parse(q.to) - Date.parse(q.from) <= 3660 * 86_400_000, { message: "at most ten years", path: ["to"] });

function monthIndex(text: string): number {
  return Number(text.slice(0, 4)) * 12 + Number(text.slice(5, 7));
}

export const renewalsReportResponse = z.object({
  months: z.array(z.object({ month: z.string(), contracts: z.int(), arr: z.record(z.string(), z.int()) })),
});

export const recommendationResponse = z.object({
  kind: z.enum(["seats", "time", "none"]),
  reason: z.string(),
  seats: z.int().optional(),
  days: z.int().optional(),
});
