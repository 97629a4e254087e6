import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { localize, newlyCompleted, ruleProgress, seatsTarget } from "./rules.ts";
import type { ChecklistStep, Signals } from "./rules.ts";

function signals(overrides: Partial<Signals> = {}): Signals {
  return { user: "u1", userCounts: new Map(), accountCounts: new Map(), activeUsers: 0, licensedSeats: 8, events: [], ...overrides };
}

describe("ruleProgress", () => {
  it("counts an event done N times by the user or by the account", () => {
    const user = { type: "event", event: "x", count: 3, scope: "user" } as const;
    expect(ruleProgress(user, signals({ userCounts: new Map([["x", 2]]), accountCounts: new Map([["x", 9]]) }))).toEqual({
      current: 2,
      target: 3,
      done: false,
    });
    expect(ruleProgress({ ...user, scope: "account" }, signals({ accountCounts: new Map([["x", 9]]) }))).toEqual({ current: 3, target: 3, done: true });
    expect(ruleProgress(user, signals({ user: null, userCounts: new Map([["x", 5]]) })).done).toBe(false);
  });

  it("matches a property on the user's own event, or anyone's for the account", () => {
    const rule = { type: "property", event: "connected", property: "provider", equals: "slack", scope: "user" } as const;
    const events = [{ name: "connected", userId: "u2", properties: { provider: "slack" } }];
    expect(ruleProgress(rule, signals({ events })).done).toBe(false);
    expect(ruleProgress({ ...rule, scope: "account" }, signals({ events })).done).toBe(true);
    expect(ruleProgress(rule, signals({ events: [{ name: "connected", userId: "u1", properties: { provider: "teams" } }] })).done).toBe(false);
  });

  it("needs a share of licensed seats active, rounding the target up, and a contract", () => {
    expect(seatsTarget(25, 8)).toBe(2);
    expect(seatsTarget(25, 10)).toBe(3);
    expect(seatsTarget(25, 1)).toBe(1);
    const rule = { type: "seats_active", percent: 25 } as const;
    expect(ruleProgress(rule, signals({ activeUsers: 2 }))).toEqual({ current: 2, target: 2, done: true });
    expect(ruleProgress(rule, signals({ activeUsers: 99, licensedSeats: null })).done).toBe(false);
  });
});

describe("newlyCompleted", () => {
  const steps: ChecklistStep[] = [
    { id: "a", title: { en: "a" }, link: null, firstValue: null, rule: { type: "event", event: "x", count: 2, scope: "user" } },
    { id: "b", title: { en: "b" }, link: null, firstValue: null, rule: { type: "event", event: "y", count: 1, scope: "user" } },
  ];

  it("never takes back a completed step, whatever the signals later say (property)", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ x: fc.nat(4), y: fc.nat(2) }), { minLength: 1, maxLength: 20 }), (snapshots) => {
        const done = new Set<string>();
        for (const { x, y } of snapshots) {
          const before = new Set(done);
          for (const step of newlyCompleted(
            steps,
            signals({
              userCounts: new Map([
                ["x", x],
                ["y", y],
              ]),
            }),
            done,
          ))
            done.add(step.id);
          for (const id of before) expect(done.has(id)).toBe(true);
          if (x >= 2) expect(done.has("a")).toBe(true);
        }
      }),
    );
  });

  it("does not report a step twice", () => {
    const s = signals({
      userCounts: new Map([
        ["x", 2],
        ["y", 1],
      ]),
    });
    expect(newlyCompleted(steps, s, new Set(["a"])).map((step) => step.id)).toEqual(["b"]);
  });
});

describe("localize", () => {
  it("prefers the exact tag, then the language, then English, then anything", () => {
    const text = { en: "Hello", "zh-CN": "你好", "pt-BR": "Olá" };
    expect(localize(text, "zh-CN")).toBe("你好");
    expect(localize(text, "pt")).toBe("Olá");
    expect(localize(text, "de")).toBe("Hello");
    expect(localize({ fr: "Salut" }, null)).toBe("Salut");
  });
});
