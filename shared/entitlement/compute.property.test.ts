/** Properties of the entitlement engine over real zones, awkward dates and random ledgers. */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatCalendarDate } from "../time/local-day.ts";
import { calendarDateArb, zoneArb } from "../../test/support/zone-fixtures.ts";
import { computeEntitlement, contractEndsAt } from "./compute.ts";
import type { Entitlement, Grant } from "./compute.ts";
import { ENTITLEMENT_STATES } from "./timeline.ts";
import type { EntitlementState } from "./timeline.ts";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

type GrantSpec =
  | { kind: "days"; days: number; offset: number; voided: boolean }
  | { kind: "hours"; hours: number; offset: number; voided: boolean }
  | { kind: "hold"; length: number; offset: number; voided: boolean }
  | { kind: "seats"; seats: number; offset: number; expiresAfter: number | null; voided: boolean };

const offsetArb = fc.integer({ min: -60 * DAY, max: 60 * DAY });
const grantSpecArb: fc.Arbitrary<GrantSpec> = fc.oneof(
  fc.record({ kind: fc.constant("days" as const), days: fc.integer({ min: 1, max: 60 }), offset: offsetArb, voided: fc.boolean() }),
  fc.record({ kind: fc.constant("hours" as const), hours: fc.integer({ min: 1, max: 500 }), offset: offsetArb, voided: fc.boolean() }),
  fc.record({ kind: fc.constant("hold" as const), length: fc.integer({ min: 0, max: 48 * HOUR }), offset: offsetArb, voided: fc.boolean() }),
  fc.record({
    kind: fc.constant("seats" as const),
    seats: fc.integer({ min: 1, max: 50 }),
    offset: offsetArb,
    expiresAfter: fc.option(fc.integer({ min: 1, max: 90 * DAY })),
    voided: fc.boolean(),
  }),
);

const scenarioArb = fc.record({
  zone: zoneArb(),
  endDate: calendarDateArb(),
  graceHours: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 240 })),
  reminderWindowDays: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 })),
  specs: fc.array(grantSpecArb, { maxLength: 6 }),
  /** Instants to probe, as offsets from the contract end. */
  probes: fc.array(fc.integer({ min: -150 * DAY, max: 150 * DAY }), { minLength: 2, maxLength: 4 }),
});
type Scenario = typeof scenarioArb extends fc.Arbitrary<infer T> ? T : never;

function toGrants(specs: readonly GrantSpec[], pivot: number): Grant[] {
  return specs.map((spec, index): Grant => {
    const base = { id: `grt_${index}`, createdAt: pivot + spec.offset, voidedAt: spec.voided ? pivot : null };
    switch (spec.kind) {
      case "days":
        return { ...base, type: "time", days: spec.days, hours: null };
      case "hours":
        return { ...base, type: "time", days: null, hours: spec.hours };
      case "hold":
        return { ...base, type: "hold", until: Math.max(pivot, base.createdAt) + spec.length };
      case "seats":
        return { ...base, type: "seats", seats: spec.seats, expiresAt: spec.expiresAfter === null ? null : base.createdAt + spec.expiresAfter };
    }
  });
}

/** The scenario as a function of `now`, plus its contract end and ledger. */
function setUp(s: Scenario): { at: (now: number, grants?: readonly Grant[]) => Entitlement; pivot: number; grants: Grant[] } {
  const endDate = formatCalendarDate(s.endDate);
  const pivot = contractEndsAt(endDate, s.zone);
  const grants = toGrants(s.specs, pivot);
  const at = (now: number, ledger: readonly Grant[] = grants): Entitlement =>
    computeEntitlement({
      timezone: s.zone,
      contract: { startDate: "2012-01-01", endDate, seats: 100, graceHours: s.graceHours, lockMode: "soft" },
      grants: ledger,
      reminderWindowDays: s.reminderWindowDays,
      seatsUsed: 0,
      now,
    });
  return { at, pivot, grants };
}

const rank = (state: EntitlementState): number => ENTITLEMENT_STATES.indexOf(state);

describe("computeEntitlement, properties", () => {
  it("never goes backwards in state as time moves forward", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot } = setUp(s);
        const first = at(pivot);
        const instants = [...s.probes.map((p) => pivot + p), first.expiringFrom, first.accessEndsAt, first.graceEndsAt]
          .flatMap((t) => [t - 1, t])
          .sort((a, b) => a - b);
        const ranks = instants.map((t) => rank(at(t).state));
        for (let i = 1; i < ranks.length; i++) expect(ranks[i]).toBeGreaterThanOrEqual(ranks[i - 1]!);
      }),
      { numRuns: 200 },
    );
  });

  it("changes state exactly at every boundary, to the millisecond", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot } = setUp(s);
        const e = at(pivot);
        expect(e.expiringFrom).toBeLessThanOrEqual(e.accessEndsAt);
        expect(e.accessEndsAt).toBeLessThanOrEqual(e.graceEndsAt);
        for (const boundary of new Set([e.expiringFrom, e.accessEndsAt, e.graceEndsAt])) {
          expect(at(boundary - 1).state).not.toBe(at(boundary).state);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("names in nextChangeAt the first instant after now at which the state changes", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot } = setUp(s);
        for (const probe of s.probes) {
          const now = at(pivot + probe);
          if (now.nextChangeAt === null) {
            expect(now.state).toBe("locked");
            continue;
          }
          expect(now.nextChangeAt).toBeGreaterThan(pivot + probe);
          expect(at(now.nextChangeAt - 1).state).toBe(now.state);
          expect(at(now.nextChangeAt).state).not.toBe(now.state);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("never moves the contract end for a grant, and never ends access before it", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot, grants } = setUp(s);
        const withGrants = at(pivot);
        expect(withGrants.contractEndsAt).toBe(at(pivot, []).contractEndsAt);
        expect(withGrants.contractEndsAt).toBe(pivot);
        expect(withGrants.accessEndsAt).toBeGreaterThanOrEqual(pivot);
        for (const grant of grants) {
          if (grant.voidedAt !== null) continue;
          if (grant.type === "hold") expect(withGrants.accessEndsAt).toBeGreaterThanOrEqual(grant.until);
          if (grant.type === "time" && grant.hours !== null) expect(withGrants.accessEndsAt).toBeGreaterThanOrEqual(grant.createdAt + grant.hours * HOUR);
          // A calendar day can be short by a DST gap, never by more than a few hours in total.
          if (grant.type === "time" && grant.days !== null) expect(withGrants.accessEndsAt).toBeGreaterThan(grant.createdAt + grant.days * DAY - 3 * HOUR);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("depends on the ledger, not on the order it is listed in or on voided rows", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot, grants } = setUp(s);
        const live = grants.filter((grant) => grant.voidedAt === null);
        for (const probe of s.probes) {
          const expected = at(pivot + probe);
          expect(at(pivot + probe, [...grants].reverse())).toEqual(expected);
          expect(at(pivot + probe, live)).toEqual(expected);
        }
      }),
      { numRuns: 200 },
    );
  });

  it("licenses purchased seats plus the bonus seats in force", () => {
    fc.assert(
      fc.property(scenarioArb, (s) => {
        const { at, pivot, grants } = setUp(s);
        for (const probe of s.probes) {
          const now = pivot + probe;
          const bonus = grants
            .filter((g) => g.type === "seats" && g.voidedAt === null && (g.expiresAt === null || g.expiresAt > now))
            .reduce((sum, g) => sum + (g.type === "seats" ? g.seats : 0), 0);
          expect(at(now).seats).toEqual({ purchased: 100, bonus, licensed: 100 + bonus, used: 0 });
        }
      }),
      { numRuns: 200 },
    );
  });
});
