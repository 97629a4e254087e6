/**
 * Plans and their features, as the domain sees them. A plan maps feature keys to one of
 * three kinds: a switch (`boolean`), a number the host enforces (`limit`, e.g. projects),
 * or a consumable counted from usage events over a period (`metered`).
 */
export type MeteringPeriod = "day" | "month" | "term";
export const METERING_PERIODS: readonly MeteringPeriod[] = ["day", "month", "term"];

export type PlanFeature =
  | { type: "boolean" }
  | { type: "limit"; limit: number }
  | { type: "metered"; limit: number; event: string; period: MeteringPeriod; overage: "block" | "allow" };

export type PlanFeatures = Readonly<Record<string, PlanFeature>>;

/**
 * A feature grant from the ledger: switches a feature on or off for one account, or sets its
 * limit. `revokedAt` comes from a later revoke row; `expiresAt` from the grant itself.
 */
export interface FeatureGrant {
  id: string;
  feature: string;
  enabled: boolean | null;
  limit: number | null;
  createdAt: number;
  expiresAt: number | null;
  revokedAt: number | null;
}

/** A feature after the plan and the account's grants are combined. */
export type ResolvedFeature =
  | { type: "boolean"; enabled: boolean }
  | { type: "limit"; enabled: boolean; limit: number }
  | { type: "metered"; enabled: boolean; limit: number; event: string; period: MeteringPeriod; overage: "block" | "allow" };

/** What the entitlement answers per feature key. Instants as epoch ms here; the wire form is ISO. */
export interface FeatureAnswer {
  enabled: boolean;
  limit?: number;
  used?: number;
  remaining?: number;
  resetsAt?: number;
}

export type CheckReason = "ok" | "not_in_plan" | "disabled" | "limit_reached" | "locked";

export interface CheckAnswer {
  allowed: boolean;
  reason: CheckReason;
  limit?: number;
  used?: number;
  remaining?: number;
  resetsAt?: number;
}
