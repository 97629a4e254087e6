import { z } from "zod";
import { isoInstant } from "../openapi.ts";

/** A contract term as answered (services/contracts/put-contract.ts `termView`). */
export const termSchema = z.object({
  id: z.string(),
  seq: z.int(),
  startDate: z.string().describe("First day, YYYY-MM-DD, in the account's zone"),
  endDate: z.string().describe("Last day, inclusive, YYYY-MM-DD, in the account's zone"),
  contractEndsAt: isoInstant,
  seats: z.int(),
  graceHours: z.int().nullable().describe("Null: the tenant's default"),
  lockMode: z.enum(["soft", "read_only", "hard"]).nullable().describe("Null: the tenant's default"),
  plan: z.string().nullable(),
  seatPolicy: z.enum(["allow", "block", "overage"]),
  overageSeats: z.int().nullable(),
  amount: z.object({ value: z.int().describe("Minor units"), currency: z.string() }).nullable(),
  upliftPercent: z.number().nullable(),
});

/** A grants-ledger row as answered (services/grants/create-grant.ts `grantView`). */
export const grantSchema = z.object({
  id: z.string(),
  type: z.enum(["seats", "time", "hold", "feature", "revoke"]),
  seats: z.int().optional(),
  days: z.int().optional(),
  hours: z.int().optional(),
  until: isoInstant.nullable().optional().describe("A renewal hold's end"),
  feature: z.string().nullable().optional(),
  limit: z.int().optional(),
  enabled: z.boolean().nullable().optional(),
  revokes: z.string().nullable().optional(),
  expiresAt: isoInstant.nullable().optional(),
  reason: z.string(),
  createdBy: z.string(),
  createdAt: isoInstant,
  voidedAt: isoInstant.nullable(),
});
