import { z } from "zod";
import { isValidTimeZone, parseCalendarDate } from "../time/local-day.ts";

/** The vendor's own ids: 1–128 characters of `A-Z a-z 0-9 _ . : -`. */
export const externalId = z.string().regex(/^[A-Za-z0-9_.:-]{1,128}$/, "must be 1–128 characters of A-Z a-z 0-9 _ . : -");

export const timeZone = z.string().max(64).refine(isValidTimeZone, "must be an IANA time zone such as Asia/Shanghai");

export const calendarDate = z.string().refine((text) => parseCalendarDate(text) !== null, "must be a real date in the form YYYY-MM-DD");

/** An instant with an explicit offset, e.g. `2026-12-31T16:00:00Z`. */
export const instant = z.iso.datetime({ offset: true });

export const locale = z.string().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8}){0,3}$/, "must be a BCP 47 tag such as zh-CN");

export const reason = z.string().trim().min(1).max(500);
