import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_SCORECARD, metricValue, netPromoterScore, riskFor, riskWorsened, scoreHealth, tierPoints } from "./scorecard.ts";
import type { Aggregates, Scorecard } from "./scorecard.ts";

const aggregates: Aggregates = {
  windowDays: 28,
  licensedSeats: 10,
  activeUsers: 6,
  sessions: 20,
  coreFeatureUses: 30,
  modulesUsed: 2,
  ticketsOpened: 3,
  ticketsResolved: 2,
  trainings: 1,
  npsAnswers: new Map([
    [9, 1],
    [10, 1],
    [6, 1],
  ]),
};

describe("scoreHealth", () => {
  it("computes the hand-worked example with the default scorecard", () => {
    const values = Object.fromEntries(DEFAULT_SCORECARD.measures.map((m) => [m.key, metricValue(m.metric, aggregates)]));
    // (25·40 + 20·70 + 15·60 + 10·40 + 10·70 + 20·70) / 100 = 5800 / 100 = 58
    const result = scoreHealth(DEFAULT_SCORECARD, values);
    expect(result.score).toBe(58);
    expect(result.risk).toBe("medium");
    expect(result.measures.map((m) => m.contribution)).toEqual([10, 14, 9, 4, 7, 14]);
  });

  it("drops ignored missing measures and renormalises, scores zero or neutral ones as told", () => {
    const card: Scorecard = {
      ...DEFAULT_SCORECARD,
      measures: [
        { key: "a", metric: "training", weight: 1, direction: "higher_is_better", tiers: [{ threshold: 0, score: 100 }], missing: "ignore", windowDays: 28 },
        { key: "b", metric: "training", weight: 1, direction: "higher_is_better", tiers: [{ threshold: 0, score: 100 }], missing: "zero", windowDays: 28 },
        { key: "c", metric: "training", weight: 2, direction: "higher_is_better", tiers: [{ threshold: 0, score: 100 }], missing: "neutral", windowDays: 28 },
      ],
    };
    // a ignored; b 0 × 1; c 50 × 2 → 100 / 3 = 33.3 → 33
    expect(scoreHealth(card, {}).score).toBe(33);
    expect(scoreHealth(card, { a: 5, b: 5, c: 5 }).score).toBe(100);
  });

  it("scores 0 with high risk when every measure is ignored", () => {
    const card: Scorecard = { ...DEFAULT_SCORECARD, measures: [DEFAULT_SCORECARD.measures.at(-1)!] };
    expect(scoreHealth(card, { nps: null })).toMatchObject({ score: 0, risk: "high" });
  });

  it("always lands in 0–100 with contributions summing to the score (property)", () => {
    const value = fc.option(fc.double({ min: -1000, max: 1000, noNaN: true }), { nil: null });
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom(...DEFAULT_SCORECARD.measures.map((m) => m.key)), value), (values) => {
        const result = scoreHealth(DEFAULT_SCORECARD, values);
        expect(result.score).toBeGreaterThanOrEqual(0);
        expect(result.score).toBeLessThanOrEqual(100);
        const sum = result.measures.reduce((s, m) => s + m.contribution, 0);
        expect(Math.abs(sum - result.score)).toBeLessThanOrEqual(0.51 + 0.01 * result.measures.length);
      }),
    );
  });
});

describe("tierPoints", () => {
  const tiers = [
    { threshold: 5, score: 70 },
    { threshold: 1, score: 30 },
    { threshold: 10, score: 100 },
  ];
  it("takes the highest tier reached when higher is better, whatever order tiers come in", () => {
    expect([0, 1, 4.9, 5, 9, 10, 99].map((v) => tierPoints({ direction: "higher_is_better", tiers }, v))).toEqual([0, 30, 30, 70, 70, 100, 100]);
  });
  it("takes the lowest tier not exceeded when lower is better", () => {
    expect([0, 1, 2, 5, 6, 10, 11].map((v) => tierPoints({ direction: "lower_is_better", tiers }, v))).toEqual([30, 30, 70, 70, 100, 100, 0]);
  });
});

describe("metrics and bands", () => {
  it("computes NPS as % promoters minus % detractors", () => {
    expect(netPromoterScore(new Map())).toBeNull();
    expect(
      netPromoterScore(
        new Map([
          [10, 3],
          [8, 1],
        ]),
      ),
    ).toBe(75);
    expect(
      netPromoterScore(
        new Map([
          [0, 1],
          [9, 1],
        ]),
      ),
    ).toBe(0);
  });
  it("has no login frequency or seat share without licensed seats", () => {
    expect(metricValue("login_frequency", { ...aggregates, licensedSeats: null })).toBeNull();
    expect(metricValue("active_seats", aggregates)).toBe(60);
    expect(metricValue("ticket_resolution", { ...aggregates, ticketsOpened: 0 })).toBeNull();
  });
  it("bands 0–50 high, 51–75 medium, 76–100 low, and knows when risk worsens", () => {
    const bands = DEFAULT_SCORECARD.bands;
    expect([0, 50, 51, 75, 76, 100].map((s) => riskFor(s, bands))).toEqual(["high", "high", "medium", "medium", "low", "low"]);
    expect([riskWorsened("low", "medium"), riskWorsened("medium", "high"), riskWorsened("high", "low"), riskWorsened("medium", "medium")]).toEqual([
      true,
      true,
      false,
      false,
    ]);
  });
});
