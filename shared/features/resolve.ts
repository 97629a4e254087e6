import type { CheckAnswer, FeatureAnswer, FeatureGrant, PlanFeatures, ResolvedFeature } from "./plan.ts";

/** A grant counts from its creation until it expires or is revoked, whichever comes first. */
export function grantInForce(grant: FeatureGrant, now: number): boolean {
  if (grant.createdAt > now) return false;
  if (grant.expiresAt != null && grant.expiresAt <= now) return false;
  return grant.revokedAt == null || grant.revokedAt > now;
}

/**
 * The account's features at `now`: the plan's, each overridden by the latest grant for that
 * key still in force. A grant may name a feature the plan lacks: `enabled: true` adds it as a
 * switch, a `limit` adds it as a limit. `enabled: false` turns any feature off.
 */
export function resolveFeatures(plan: PlanFeatures, grants: readonly FeatureGrant[], now: number): Record<string, ResolvedFeature> {
  const latest = new Map<string, FeatureGrant>();
  for (const grant of grants) {
    if (!grantInForce(grant, now)) continue;
    const held = latest.get(grant.feature);
    if (!held || grant.createdAt > held.createdAt || (grant.createdAt === held.createdAt && grant.id > held.id)) latest.set(grant.feature, grant);
  }
  const out: Record<string, ResolvedFeature> = {};
  for (const [key, feature] of Object.entries(plan)) {
    out[key] = feature.type === "boolean" ? { type: "boolean", enabled: true } : { ...feature, enabled: true };
  }
  for (const [key, grant] of latest) {
    const base = out[key];
    if (grant.limit != null) {
      out[key] = base && base.type === "metered" ? { ...base, enabled: true, limit: grant.limit } : { type: "limit", enabled: true, limit: grant.limit };
    } else if (grant.enabled != null) {
      out[key] = base ? { ...base, enabled: grant.enabled } : { type: "boolean", enabled: grant.enabled };
    }
  }
  return out;
}

/** Usage of a metered feature over its current period: `[from, resetsAt)`. */
export interface MeteredUsage {
  used: number;
  resetsAt: number;
}

/** The entitlement's answer for one feature; metered ones need their usage. */
export function featureAnswer(feature: ResolvedFeature, usage: MeteredUsage | undefined): FeatureAnswer {
  if (feature.type === "boolean") return { enabled: feature.enabled };
  if (feature.type === "limit") return { enabled: feature.enabled, limit: feature.limit };
  const used = usage?.used ?? 0;
  return {
    enabled: feature.enabled,
    limit: feature.limit,
    used,
    remaining: Math.max(0, feature.limit - used),
    ...(usage ? { resetsAt: usage.resetsAt } : {}),
  };
}

/**
 * May the account use `quantity` of a feature now? A locked account may use nothing. A
 * `limit` feature allows a quantity up to its limit (the host sends the total it wants, e.g.
 * projects after creating one); a metered one allows `used + quantity` up to the limit, or
 * anything when its overage is `allow`.
 */
export function checkFeature(input: { feature: ResolvedFeature | undefined; usage: MeteredUsage | undefined; quantity: number; locked: boolean }): CheckAnswer {
  const { feature, usage, quantity } = input;
  const detail = feature ? featureAnswer(feature, usage) : null;
  const numbers = detail ? (({ enabled: _enabled, ...rest }) => rest)(detail) : {};
  if (input.locked) return { allowed: false, reason: "locked", ...numbers };
  if (!feature) return { allowed: false, reason: "not_in_plan" };
  if (!feature.enabled) return { allowed: false, reason: "disabled", ...numbers };
  if (feature.type === "limit" && quantity > feature.limit) return { allowed: false, reason: "limit_reached", ...numbers };
  if (feature.type === "metered" && feature.overage === "block" && (usage?.used ?? 0) + quantity > feature.limit) {
    return { allowed: false, reason: "limit_reached", ...numbers };
  }
  return { allowed: true, reason: "ok", ...numbers };
}
