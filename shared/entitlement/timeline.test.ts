import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { ENTITLEMENT_STATES, isBlocked, isReadOnly, nextChangeAt, stateAt } from "./timeline.ts";
import type { EntitlementState, Timeline } from "./timeline.ts";

const DAY = 86_400_000;
const HOUR = 3_600_000;

function rank(state: EntitlementState): number {
  return ENTITLEMENT_STATES.indexOf(state);
}

/** The Asia/Shanghai example: last day 2026-12-31, 30-day reminder window, 72 hours of grace. */
const shanghai: Timeline = {
  expiringFrom: Date.parse("2026-12-01T16:00:00.000Z"),
  accessEndsAt: Date.parse("2026-12-31T16:00:00.000Z"),
  graceEndsAt: Date.parse("2027-01-03T16:00:00.000Z"),
};

/** Any timeline with `expiringFrom ≤ accessEndsAt ≤ graceEndsAt`, including empty intervals. */
const timelineArb: fc.Arbitrary<Timeline> = fc
  .tuple(
    fc.integer({ min: Date.parse("2020-01-01"), max: Date.parse("2040-01-01") }),
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 90 * DAY })),
    fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 30 * DAY })),
  )
  .map(([expiringFrom, window, grace]) => ({ expiringFrom, accessEndsAt: expiringFrom + window, graceEndsAt: expiringFrom + window + grace }));

/** An instant near the timeline's boundaries, often exactly on one or a millisecond off. */
function nearArb(timeline: Timeline): fc.Arbitrary<number> {
  const boundaries = [timeline.expiringFrom, timeline.accessEndsAt, timeline.graceEndsAt];
  return fc.oneof(
    fc.tuple(fc.constantFrom(...boundaries), fc.integer({ min: -2, max: 2 })).map(([b, d]) => b + d),
    fc.integer({ min: timeline.expiringFrom - 10 * DAY, max: timeline.graceEndsAt + 10 * DAY }),
  );
}

describe("stateAt", () => {
  it("is active before the reminder window, expiring in it, then grace, then locked", () => {
    expect(stateAt(shanghai, shanghai.expiringFrom - 1)).toBe("active");
    expect(stateAt(shanghai, shanghai.expiringFrom)).toBe("expiring");
    expect(stateAt(shanghai, shanghai.accessEndsAt - 1)).toBe("expiring");
    expect(stateAt(shanghai, shanghai.accessEndsAt)).toBe("grace");
    expect(stateAt(shanghai, shanghai.graceEndsAt - 1)).toBe("grace");
    expect(stateAt(shanghai, shanghai.graceEndsAt)).toBe("locked");
  });

  it("keeps access through 00:00 of the last day in Asia/Shanghai", () => {
    expect(stateAt(shanghai, Date.parse("2026-12-30T16:00:00.000Z"))).toBe("expiring");
    expect(stateAt(shanghai, Date.parse("2026-12-31T15:59:59.999Z"))).toBe("expiring");
  });

  it("goes straight from expiring to locked when there is no grace", () => {
    const noGrace: Timeline = { ...shanghai, graceEndsAt: shanghai.accessEndsAt };
    expect(stateAt(noGrace, noGrace.accessEndsAt - 1)).toBe("expiring");
    expect(stateAt(noGrace, noGrace.accessEndsAt)).toBe("locked");
  });

  it("goes straight from active to grace when there is no reminder window", () => {
    const noWindow: Timeline = { ...shanghai, expiringFrom: shanghai.accessEndsAt };
    expect(stateAt(noWindow, noWindow.accessEndsAt - 1)).toBe("active");
    expect(stateAt(noWindow, noWindow.accessEndsAt)).toBe("grace");
  });

  it("never goes backwards as time moves forward", () => {
    fc.assert(
      fc.property(
        timelineArb.chain((t) => fc.tuple(fc.constant(t), nearArb(t), nearArb(t))),
        ([timeline, a, b]) => {
          const [early, late] = a <= b ? [a, b] : [b, a];
          expect(rank(stateAt(timeline, early))).toBeLessThanOrEqual(rank(stateAt(timeline, late)));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it("changes exactly at each boundary, to the millisecond", () => {
    fc.assert(
      fc.property(timelineArb, (timeline) => {
        for (const boundary of [timeline.expiringFrom, timeline.accessEndsAt, timeline.graceEndsAt]) {
          expect(stateAt(timeline, boundary - 1)).not.toBe(stateAt(timeline, boundary));
        }
      }),
      { numRuns: 1000 },
    );
  });
});

describe("nextChangeAt", () => {
  it("names each boundary in turn, then nothing once locked", () => {
    expect(nextChangeAt(shanghai, shanghai.expiringFrom - 5 * DAY)).toBe(shanghai.expiringFrom);
    expect(nextChangeAt(shanghai, shanghai.expiringFrom)).toBe(shanghai.accessEndsAt);
    expect(nextChangeAt(shanghai, shanghai.accessEndsAt - 1)).toBe(shanghai.accessEndsAt);
    expect(nextChangeAt(shanghai, shanghai.accessEndsAt)).toBe(shanghai.graceEndsAt);
    expect(nextChangeAt(shanghai, shanghai.graceEndsAt)).toBeNull();
    expect(nextChangeAt(shanghai, shanghai.graceEndsAt + 365 * DAY)).toBeNull();
  });

  it("skips an empty interval", () => {
    const noWindowNoGrace: Timeline = { expiringFrom: 10 * HOUR, accessEndsAt: 10 * HOUR, graceEndsAt: 10 * HOUR };
    expect(nextChangeAt(noWindowNoGrace, 0)).toBe(10 * HOUR);
    expect(stateAt(noWindowNoGrace, 10 * HOUR)).toBe("locked");
  });

  it("is the first instant after now at which the state changes", () => {
    fc.assert(
      fc.property(
        timelineArb.chain((t) => fc.tuple(fc.constant(t), nearArb(t))),
        ([timeline, now]) => {
          const current = stateAt(timeline, now);
          const next = nextChangeAt(timeline, now);
          if (next === null) {
            expect(current).toBe("locked");
            return;
          }
          expect(next).toBeGreaterThan(now);
          expect(stateAt(timeline, next - 1)).toBe(current);
          expect(stateAt(timeline, next)).not.toBe(current);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

describe("isReadOnly", () => {
  it("tells the host app to refuse writes in read_only and hard locks, never before the lock", () => {
    expect(isReadOnly("locked", "read_only")).toBe(true);
    expect(isReadOnly("locked", "soft")).toBe(false);
    expect(isReadOnly("locked", "hard")).toBe(true);
    expect(isReadOnly("grace", "read_only")).toBe(false);
    expect(isReadOnly("expiring", "read_only")).toBe(false);
  });
});

describe("isBlocked", () => {
  it("tells the host app to hide its data only in a hard lock", () => {
    expect(isBlocked("locked", "hard")).toBe(true);
    expect(isBlocked("locked", "read_only")).toBe(false);
    expect(isBlocked("locked", "soft")).toBe(false);
    expect(isBlocked("grace", "hard")).toBe(false);
  });
});
