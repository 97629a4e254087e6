import { accessEndsAt, contractEndsAt } from "../entitlement/compute.ts";
import type { Entitlement, Grant } from "../entitlement/compute.ts";

export interface ExplainedStep {
  grantId: string;
  type: "time" | "hold";
  /** The access end once this row is applied. */
  endsAt: number;
}

export interface ExplainedInstant {
  key: "contractEndsAt" | "accessEndsAt" | "expiringFrom" | "graceEndsAt" | "holdUntil" | "nextChangeAt";
  at: number;
  rule: string;
  /** Ledger rows that moved it, in the order they applied. */
  steps: ExplainedStep[];
}

/**
 * Every instant of an entitlement with the rule that produced it and the ledger rows behind
 * it. Each step's end is what `accessEndsAt` answers for the ledger up to that row, so the
 * explanation is computed by the same function as the entitlement itself.
 */
export function explainEntitlement(input: {
  entitlement: Entitlement;
  endDate: string;
  timezone: string;
  graceHours: number;
  reminderWindowDays: number;
  grants: readonly Grant[];
}): ExplainedInstant[] {
  const { entitlement: e, endDate, timezone } = input;
  const contractEnd = contractEndsAt(endDate, timezone);
  const live = input.grants
    .filter((g) => g.voidedAt == null && (g.type === "hold" || (g.type === "time" && ((g.days ?? 0) > 0 || (g.hours ?? 0) > 0))))
    .sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
  const steps: ExplainedStep[] = live.map((grant, i) => ({
    grantId: grant.id,
    type: grant.type as "time" | "hold",
    endsAt: accessEndsAt(contractEnd, live.slice(0, i + 1), timezone),
  }));
  const holds = live.filter((g): g is Extract<Grant, { type: "hold" }> => g.type === "hold");
  const out: ExplainedInstant[] = [
    {
      key: "contractEndsAt",
      at: contractEnd,
      rule: `The term's last day, ${endDate}, is inclusive in ${timezone}: it ends at the first instant of the next local day. Time grants never move it; renewals and ARR are planned on it.`,
      steps: [],
    },
    {
      key: "accessEndsAt",
      at: e.accessEndsAt,
      rule:
        steps.length === 0
          ? "No time grant or hold: access ends with the contract."
          : "The contract end, extended by each time grant in ledger order (calendar days in the account's zone, or absolute hours, each from the later of the current end and when it was given); a pending renewal's hold keeps access at least until its end.",
      steps,
    },
    {
      key: "expiringFrom",
      at: e.expiringFrom,
      rule: `${input.reminderWindowDays} calendar days before access ends (the tenant's reminder window): users see the countdown from here.`,
      steps: [],
    },
    {
      key: "graceEndsAt",
      at: e.graceEndsAt,
      rule: `${input.graceHours} hours of grace after access ends (absolute hours), then the ${e.lockMode.replace("_", "-")} lock.`,
      steps: [],
    },
  ];
  for (const hold of holds)
    out.push({
      key: "holdUntil",
      at: hold.until,
      rule: "A renewal was started: access is held until max(access end, start) + 24 h, once per term.",
      steps: [{ grantId: hold.id, type: "hold", endsAt: hold.until }],
    });
  if (e.nextChangeAt != null)
    out.push({
      key: "nextChangeAt",
      at: e.nextChangeAt,
      rule: `The state changes from ${e.state} here (intervals are closed at their start and open at their end).`,
      steps: [],
    });
  return out;
}
