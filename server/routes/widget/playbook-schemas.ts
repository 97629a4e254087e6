import { z } from "zod";

const epochMs = z.number().describe("Epoch milliseconds on the server's clock");

/** What an offer means, in exact dates (epoch ms) and amounts (minor units); which fields are set depends on the kind. */
const offerFactsSchema = z.object({
  kind: z.enum(["discount", "extension", "bonus_seats", "twelve_plus_one", "upgrade_trial"]),
  timezone: z.string(),
  contractEndsAt: epochMs,
  accessEndsAt: epochMs,
  nextTerm: z.object({ startDate: z.string(), endDate: z.string(), startsAt: epochMs, endsAt: epochMs }).nullable(),
  percent: z.number().optional(),
  amount: z.object({ before: z.int(), after: z.int(), currency: z.string() }).nullable().optional(),
  days: z.int().optional(),
  accessEndsAtAfter: epochMs.nullable().optional(),
  seats: z.int().optional(),
  licensedNext: z.int().optional(),
  feature: z.string().optional(),
  featureLabels: z.record(z.string(), z.string()).nullable().optional(),
  until: epochMs.optional(),
});

export const widgetOfferSchema = z.object({
  id: z.string(),
  kind: offerFactsSchema.shape.kind,
  reason: z.string(),
  status: z.enum(["shown", "accepted", "declined"]),
  facts: offerFactsSchema,
  shownAt: epochMs,
  decidedAt: epochMs.nullable(),
});

export const npsStatusSchema = z.object({
  ask: z.boolean().describe("Whether to put the question to this user now"),
  from: epochMs.nullable(),
  until: epochMs.nullable(),
});
