import { z } from "zod";
import { STAFF_ROLES } from "../staff/roles.ts";
import { calendarDate, reason } from "./common.ts";

export const ACCOUNT_VIEWS = ["all", "expiring_30", "expiring_60", "expiring_90", "high_risk", "near_seat_cap", "declined", "first_value_missed"] as const;
export type AccountView = (typeof ACCOUNT_VIEWS)[number];
export const ACCOUNT_SORTS = ["name", "segment", "stage", "owner", "contractEndsAt", "score", "utilisation", "arr"] as const;
export type AccountSort = (typeof ACCOUNT_SORTS)[number];

/** The console's accounts table: paginated, sorted and filtered on the server. */
export const accountsQuery = z.strictObject({
  q: z.string().trim().max(200).optional(),
  view: z.enum(ACCOUNT_VIEWS).default("all"),
  segment: z.enum(["high_touch", "tech_touch"]).optional(),
  risk: z.enum(["high", "medium", "low"]).optional(),
  sort: z.enum(ACCOUNT_SORTS).default("contractEndsAt"),
  dir: z.enum(["asc", "desc"]).default("asc"),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
export type AccountsQuery = z.infer<typeof accountsQuery>;

export const giftBody = z
  .strictObject({
    type: z.enum(["seats", "time"]),
    seats: z.int().min(1).max(100_000).optional(),
    days: z.int().min(1).max(3660).optional(),
    hours: z
      .int()
      .min(1)
      .max(24 * 3660)
      .optional(),
    reason,
  })
  .refine(
    (b) =>
      b.type === "seats"
        ? b.seats !== undefined && b.days === undefined && b.hours === undefined
        : b.seats === undefined && (b.days === undefined) !== (b.hours === undefined),
    {
      message: "seats take seats; time takes exactly one of days or hours",
    },
  );
export type GiftBody = z.infer<typeof giftBody>;
/** The preview needs no reason yet: the CSM is still deciding. */
export const giftPreviewBody = z.strictObject({
  type: z.enum(["seats", "time"]),
  seats: z.int().min(1).max(100_000).optional(),
  days: z.int().min(1).max(3660).optional(),
  hours: z
    .int()
    .min(1)
    .max(24 * 3660)
    .optional(),
  reason: z.string().max(500).optional(),
});

export const noteBody = z.strictObject({ body: z.string().trim().min(1).max(5000) });
export const ownerBody = z.strictObject({ owner: z.string().trim().min(1).max(320).nullable() });
export const revokeBody = z.strictObject({ reason });
export const staffCreateBody = z.strictObject({ email: z.email().max(320), role: z.enum(STAFF_ROLES) });
export const staffUpdateBody = z.strictObject({ role: z.enum(STAFF_ROLES) });
export const passwordBody = z.strictObject({ password: z.string().min(12).max(200) });
export const passwordSignInBody = z.strictObject({ tenantId: z.string().min(1).max(64), email: z.email().max(320), password: z.string().min(1).max(200) });
export const monthRangeQuery = z.strictObject({ from: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/), to: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/) }).partial();
export const dateRangeQuery = z.strictObject({ from: calendarDate, to: calendarDate }).partial();
export const confirmInvoiceBody = z.strictObject({}).passthrough();
