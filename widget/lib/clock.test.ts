import { afterEach, describe, expect, it, vi } from "vitest";
import { createClock, MAX_TIMEOUT, offsetFrom, scheduleAt } from "./clock.ts";

describe("the server clock", () => {
  it("assumes the server answered mid-flight (round-trip corrected)", () => {
    // Sent at mono 1000, received at mono 1400: the server's 50_000 was read at mono 1200.
    expect(offsetFrom({ serverNow: 50_000, t0: 1000, t1: 1400 })).toBe(48_800);
  });

  it("runs on monotonic time, whatever the wall clock says", () => {
    let mono = 1000;
    const wall = () => 0; // a browser clock decades wrong
    const clock = createClock(() => mono, wall);
    clock.learn({ serverNow: 1_700_000_000_000, t0: 1000, t1: 1000 });
    mono += 5000;
    expect(clock.now()).toBe(1_700_000_005_000);
    expect(clock.wallOffset()).toBe(1_700_000_005_000);
  });

  it("lets the latest sample win, so drift after sleep is repaired", () => {
    let mono = 0;
    const clock = createClock(
      () => mono,
      () => 0,
    );
    clock.learn({ serverNow: 10_000, t0: 0, t1: 0 });
    mono = 1000; // the machine slept an hour, but monotonic time only moved 1 s
    clock.learn({ serverNow: 3_611_000, t0: 1000, t1: 1000 });
    expect(clock.now()).toBe(3_611_000);
  });

  it("ignores a slow sample once it knows the time, since half a long round trip is its error", () => {
    let mono = 0;
    const clock = createClock(
      () => mono,
      () => 0,
    );
    clock.learn({ serverNow: 10_000, t0: 0, t1: 100 });
    // A request that spanned an hour (the machine slept mid-flight) would put "now" half an hour off.
    mono = 3_600_100;
    clock.learn({ serverNow: 3_610_000, t0: 0, t1: 3_600_100 });
    expect(clock.now()).toBe(10_000 - 50 + 3_600_100);
    // The first sample is kept even if slow: it still beats the browser's own clock.
    const fresh = createClock(
      () => 9_000,
      () => 0,
    );
    fresh.learn({ serverNow: 50_000, t0: 0, t1: 9_000 });
    expect(fresh.now()).toBe(54_500);
  });

  it("ignores samples without a usable server time", () => {
    const clock = createClock(
      () => 0,
      () => 42,
    );
    clock.learn({ serverNow: Number.NaN, t0: 0, t1: 0 });
    clock.learn({ serverNow: 0, t0: 0, t1: 0 });
    expect(clock.now()).toBe(42);
  });
});

describe("scheduleAt", () => {
  afterEach(() => void vi.useRealTimers());

  it("waits past setTimeout's 24.8-day limit without firing early", () => {
    vi.useFakeTimers();
    const clock = createClock(
      () => Date.now(),
      () => Date.now(),
    );
    clock.learn({ serverNow: Date.now(), t0: Date.now(), t1: Date.now() });
    const fn = vi.fn();
    const at = clock.now() + 40 * 86_400_000;
    scheduleAt(clock, at, fn);
    vi.advanceTimersByTime(MAX_TIMEOUT);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(at - clock.now() - 1);
    expect(fn).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(fn).toHaveBeenCalledTimes(1);
  });

  it("fires at once for an instant already past, and not at all once cancelled", () => {
    vi.useFakeTimers();
    const clock = createClock(
      () => Date.now(),
      () => Date.now(),
    );
    const past = vi.fn();
    scheduleAt(clock, clock.now() - 1, past);
    expect(past).toHaveBeenCalledTimes(1);
    const cancelled = vi.fn();
    const cancel = scheduleAt(clock, clock.now() + 1000, cancelled);
    cancel();
    vi.advanceTimersByTime(2000);
    expect(cancelled).not.toHaveBeenCalled();
  });
});
