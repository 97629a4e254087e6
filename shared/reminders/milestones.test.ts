import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { REMINDER_SCHEDULES, milestones, nextReminderAt, planReminders, scheduleOf } from "./milestones.ts";
import { buildNotice, lastMinuteLocal } from "./notice.ts";

const end = Date.parse("2026-12-31T16:00:00Z"); // after the last day, 31 Dec 2026, in Shanghai
const zone = "Asia/Shanghai";

describe("milestones", () => {
  it("falls at local midnight N calendar days before the end", () => {
    expect(milestones(REMINDER_SCHEDULES.tech_touch, end, zone).map((m) => [m.days, new Date(m.at).toISOString()])).toEqual([
      [30, "2026-12-01T16:00:00.000Z"],
      [15, "2026-12-16T16:00:00.000Z"],
      [7, "2026-12-24T16:00:00.000Z"],
      [1, "2026-12-30T16:00:00.000Z"],
    ]);
    const nyEnd = Date.parse("2027-04-01T04:00:00Z");
    expect(milestones(REMINDER_SCHEDULES.high_touch, nyEnd, "America/New_York").map((m) => new Date(m.at).toISOString())).toEqual([
      "2027-01-01T05:00:00.000Z",
      "2027-01-31T05:00:00.000Z",
      "2027-03-02T05:00:00.000Z",
    ]);
  });
});

describe("planReminders", () => {
  it("delivers the latest due milestone and skips overtaken ones; nothing at or after the end", () => {
    const plan = planReminders(REMINDER_SCHEDULES.tech_touch, end, zone, Date.parse("2026-12-20T00:00:00Z"), new Set());
    expect(plan.deliver?.days).toBe(15);
    expect(plan.skip.map((m) => m.days)).toEqual([30]);
    expect(planReminders(REMINDER_SCHEDULES.tech_touch, end, zone, end, new Set())).toEqual({ deliver: null, skip: [] });
    expect(planReminders(REMINDER_SCHEDULES.tech_touch, end, zone, Date.parse("2026-11-01T00:00:00Z"), new Set())).toEqual({ deliver: null, skip: [] });
  });

  it("handles every milestone at most once, and delivers each one a tick lands on (property)", () => {
    const schedule = REMINDER_SCHEDULES.tech_touch;
    const all = milestones(schedule, end, zone);
    const from = all[0]!.at - 10 * 86_400_000;
    fc.assert(
      fc.property(fc.array(fc.integer({ min: from, max: end + 86_400_000 }), { maxLength: 40 }), (ticks) => {
        const handled = new Set<number>();
        const delivered: number[] = [];
        for (const now of [...ticks].sort((a, b) => a - b)) {
          const plan = planReminders(schedule, end, zone, now, handled);
          for (const m of plan.skip) {
            expect(handled.has(m.days)).toBe(false);
            handled.add(m.days);
          }
          if (plan.deliver) {
            expect(handled.has(plan.deliver.days)).toBe(false);
            handled.add(plan.deliver.days);
            delivered.push(plan.deliver.days);
          }
        }
        expect(new Set(delivered).size).toBe(delivered.length);
        all.forEach((m, i) => {
          const next = all[i + 1]?.at ?? end;
          if (ticks.some((t) => t >= m.at && t < next)) expect(delivered).toContain(m.days);
        });
      }),
    );
  });
});

describe("a vendor's timeline", () => {
  const schedule = scheduleOf([
    { daysBefore: 20, channels: ["in_app"] },
    { daysBefore: 0, channels: ["webhook"] },
  ]);

  it("never delivers a milestone that fell before the timeline changed, and skips it instead", () => {
    const changedAt = Date.parse("2026-12-12T00:00:00Z"); // the 20-day milestone fell on 11 Dec 16:00Z
    const plan = planReminders(schedule, end, zone, changedAt + 3_600_000, new Set(), { notBefore: changedAt });
    expect(plan.deliver).toBeNull();
    expect(plan.skip.map((m) => m.days)).toEqual([20]);
  });

  it("sends a 0-day milestone as the contract ends, and says when to look next", () => {
    expect(nextReminderAt(schedule, end, zone, Date.parse("2026-12-01T00:00:00Z"), new Set())).toBe(Date.parse("2026-12-11T16:00:00Z"));
    expect(nextReminderAt(schedule, end, zone, Date.parse("2026-12-12T00:00:00Z"), new Set([20]))).toBe(end);
    expect(planReminders(schedule, end, zone, end + 60_000, new Set([20])).deliver).toMatchObject({ days: 0, inApp: false, webhook: true });
    expect(nextReminderAt(schedule, end, zone, end + 60_000, new Set([20, 0]))).toBeNull();
  });
});

describe("buildNotice", () => {
  const recap = { since: "2026-01-01", activeUsers: 1, sessions: 4, events: 9, topFeatures: [], modulesUsed: [], firstValueReachedAt: null };
  it("names the last minute of access in the account's zone on the last day", () => {
    expect(lastMinuteLocal(end, zone)).toBe("31 Dec 2026 23:59");
    const notice = buildNotice({
      days: 1,
      now: end - 3_600_000,
      dueAt: end - 86_400_000,
      contractEndsAt: end,
      accessEndsAt: end,
      timezone: zone,
      productName: "Acme",
      recap,
    });
    expect(notice.kind).toBe("last_day");
    expect(notice.message).toBe(
      "Today is the last day of your Acme subscription: access ends at 31 Dec 2026 23:59 (Asia/Shanghai). Since 2026-01-01, 1 person on your team used it. Renew now and nothing changes for them.",
    );
  });

  it("counts the days left from now, not from the milestone that was delivered", () => {
    const now = end - 3 * 86_400_000 + 60_000; // the 7-day milestone was the last one sent
    const notice = buildNotice({
      days: 7,
      now,
      dueAt: end - 7 * 86_400_000,
      contractEndsAt: end,
      accessEndsAt: end,
      timezone: zone,
      productName: "Acme",
      recap,
    });
    expect([notice.kind, notice.days, notice.daysLeft]).toEqual(["renewal_reminder", 7, 3]);
    expect(notice.message).toContain(": 3 days left.");
  });
});
