import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { FeatureGrant, PlanFeatures } from "./plan.ts";
import { checkFeature, featureAnswer, grantInForce, resolveFeatures } from "./resolve.ts";

const plan: PlanFeatures = {
  sso: { type: "boolean" },
  projects: { type: "limit", limit: 10 },
  exports: { type: "metered", limit: 5, event: "export", period: "month", overage: "block" },
};

function grant(partial: Partial<FeatureGrant> & { feature: string; createdAt: number }): FeatureGrant {
  return { id: `g${partial.createdAt}`, enabled: null, limit: null, expiresAt: null, revokedAt: null, ...partial };
}

describe("resolveFeatures", () => {
  it("answers the plan's features when there are no grants", () => {
    expect(resolveFeatures(plan, [], 0)).toEqual({
      sso: { type: "boolean", enabled: true },
      projects: { type: "limit", enabled: true, limit: 10 },
      exports: { type: "metered", enabled: true, limit: 5, event: "export", period: "month", overage: "block" },
    });
  });

  it("lets the latest grant in force win, and ignores grants not yet given, expired or revoked", () => {
    const grants = [
      grant({ feature: "sso", enabled: false, createdAt: 10 }),
      grant({ feature: "sso", enabled: true, createdAt: 20, expiresAt: 30 }),
      grant({ feature: "exports", limit: 50, createdAt: 15, revokedAt: 25 }),
    ];
    expect(resolveFeatures(plan, grants, 5).sso!.enabled).toBe(true);
    expect(resolveFeatures(plan, grants, 12).sso!.enabled).toBe(false);
    expect(resolveFeatures(plan, grants, 20).sso!.enabled).toBe(true);
    expect(resolveFeatures(plan, grants, 30).sso!.enabled).toBe(false);
    expect(resolveFeatures(plan, grants, 24).exports).toMatchObject({ type: "metered", limit: 50 });
    expect(resolveFeatures(plan, grants, 25).exports).toMatchObject({ type: "metered", limit: 5 });
  });

  it("adds a feature the plan lacks: a switch for enabled, a limit for limit", () => {
    const out = resolveFeatures({}, [grant({ feature: "beta", enabled: true, createdAt: 1 }), grant({ feature: "seats.extra", limit: 3, createdAt: 1 })], 2);
    expect(out).toEqual({ beta: { type: "boolean", enabled: true }, "seats.extra": { type: "limit", enabled: true, limit: 3 } });
  });

  it("is decided by the single latest grant in force, whatever order the ledger comes in", () => {
    const grants = fc.array(
      fc.record({ createdAt: fc.integer({ min: 0, max: 100 }), enabled: fc.boolean(), expiresAt: fc.option(fc.integer({ min: 0, max: 200 }), { nil: null }) }),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(grants, fc.integer({ min: 0, max: 200 }), (raw, now) => {
        const ledger = raw.map((g, i) => grant({ ...g, id: `g${String(i).padStart(2, "0")}`, feature: "sso" }));
        const inForce = ledger.filter((g) => grantInForce(g, now)).sort((a, b) => a.createdAt - b.createdAt || (a.id < b.id ? -1 : 1));
        const expected = inForce.length ? inForce[inForce.length - 1]!.enabled : true;
        expect(resolveFeatures(plan, ledger, now).sso!.enabled).toBe(expected);
        expect(resolveFeatures(plan, [...ledger].reverse(), now).sso!.enabled).toBe(expected);
      }),
    );
  });
});

describe("checkFeature", () => {
  const metered = resolveFeatures(plan, [], 0).exports;

  it("never allows more than the limit under overage block, and remaining never goes below zero", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.integer({ min: 0, max: 20 }), (used, quantity) => {
        const answer = checkFeature({ feature: metered, usage: { used, resetsAt: 1 }, quantity, locked: false });
        expect(answer.allowed).toBe(used + quantity <= 5);
        expect(answer.reason).toBe(used + quantity <= 5 ? "ok" : "limit_reached");
        expect(featureAnswer(metered!, { used, resetsAt: 1 }).remaining).toBe(Math.max(0, 5 - used));
      }),
    );
  });

  it("refuses everything to a locked account, even features it has", () => {
    expect(checkFeature({ feature: resolveFeatures(plan, [], 0).sso, usage: undefined, quantity: 1, locked: true })).toEqual({
      allowed: false,
      reason: "locked",
    });
    expect(checkFeature({ feature: undefined, usage: undefined, quantity: 1, locked: true }).reason).toBe("locked");
  });
});
