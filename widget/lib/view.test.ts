import { describe, expect, it } from "vitest";
import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import { computeView } from "./view.ts";
import type { UiState } from "./view.ts";

const H = 3_600_000,
  D = 24 * H;
const access = Date.parse("2026-12-31T16:00:00Z");
const grace = access + 72 * H;

function data(lockMode: "soft" | "read_only" | "hard" = "soft", dismissed: number | null = null): BootstrapResponse {
  return {
    etag: '"x"',
    serverNow: 0,
    locale: "en",
    account: { id: "a", name: "A", timezone: "Asia/Shanghai" },
    user: { id: "u", role: "admin", name: null },
    entitlement: {
      state: "active",
      lockMode,
      readOnly: false,
      contractEndsAt: access,
      expiringFrom: access - 30 * D,
      accessEndsAt: access,
      graceEndsAt: grace,
      nextChangeAt: null,
      holdUntil: null,
    },
    seats: { purchased: 10, bonus: 0, licensed: 10, used: 9, active: 9 },
    renewal: { url: "https://x.test", canRenew: true, pending: null },
    branding: { productName: "P", accentColor: "#000000", supportEmail: null },
    preferences: { bannerDismissedUntil: dismissed, modalSnoozedUntil: null },
  };
}
const ui = (over: Partial<UiState> = {}): UiState => ({
  softClosedUntil: null,
  readOnlyAcknowledged: false,
  panel: null,
  starting: false,
  checklist: false,
  ...over,
});
const live = { live: true, staleFrom: null };

describe("what the widget shows", () => {
  it("computes the state from the timeline and the given time, not from the server's label", () => {
    const view = computeView({ data: data(), now: access, ui: ui(), ...live });
    expect(view.report).toEqual({ state: "grace", lockMode: "soft", readOnly: false, blocked: false });
    expect(view.card).toBe("grace");
    expect(view.countdownTo).toBe(grace);
  });

  it("wakes exactly at the next boundary when nothing ticks", () => {
    const view = computeView({ data: data(), now: access - 40 * D, ui: ui(), ...live });
    expect(view.card).toBeNull();
    expect(view.nextWake).toBe(access - 30 * D);
  });

  it("wakes at the next countdown tick, which lands on the boundary itself", () => {
    const view = computeView({ data: data(), now: access - 1500, ui: ui(), ...live });
    expect(view.card).toBe("expiring");
    expect(view.nextWake).toBe(access - 1000);
  });

  it("hides a dismissed banner until the dismissal ends", () => {
    const view = computeView({ data: data("soft", access - 2 * D), now: access - 3 * D, ui: ui(), ...live });
    expect(view.card).toBeNull();
    expect(view.nextWake).toBe(access - 2 * D);
    expect(view.report?.state).toBe("expiring");
  });

  it("tells the host read-only in read-only and hard locks, and blocked only in a hard one", () => {
    expect(computeView({ data: data("read_only"), now: grace, ui: ui(), ...live }).report?.readOnly).toBe(true);
    expect(computeView({ data: data("hard"), now: grace, ui: ui(), ...live }).report).toMatchObject({ readOnly: true, blocked: true });
    expect(computeView({ data: data("read_only"), now: grace, ui: ui(), ...live }).report?.blocked).toBe(false);
    expect(computeView({ data: data("read_only"), now: grace - 1, ui: ui(), ...live }).report?.readOnly).toBe(false);
  });

  it("brings a closed soft lock back when its snooze ends, and never lets a hard lock close", () => {
    const closed = computeView({ data: data("soft"), now: grace, ui: ui({ softClosedUntil: grace + 600_000 }), ...live });
    expect([closed.modal, closed.card, closed.nextWake]).toEqual([null, "locked", grace + 600_000]);
    expect(computeView({ data: data("soft"), now: grace + 600_000, ui: ui({ softClosedUntil: grace + 600_000 }), ...live }).modal).toBe("lock");
    expect(computeView({ data: data("hard"), now: grace, ui: ui({ softClosedUntil: grace + 600_000, readOnlyAcknowledged: true }), ...live }).modal).toBe(
      "lock",
    );
  });

  it("fails open: a last-known copy never locks and goes silent once its state would change", () => {
    const locked = computeView({ data: data("hard"), now: grace + 1, ui: ui(), live: false, staleFrom: null });
    expect([locked.report, locked.modal, locked.card]).toEqual([null, null, null]);
    const informing = computeView({ data: data(), now: access - 1000, ui: ui(), live: false, staleFrom: access });
    expect(informing.card).toBe("expiring");
    expect(computeView({ data: data(), now: access, ui: ui(), live: false, staleFrom: access }).report).toBeNull();
  });

  it("stops reminding after a decline, and keeps only a strip for a soft or read-only lock", () => {
    const declined = (mode: "soft" | "read_only" | "hard"): BootstrapResponse => ({
      ...data(mode),
      renewal: { ...data(mode).renewal, declined: { reason: "budget", at: 0 } },
    });
    expect(computeView({ data: data(), now: access - 3 * D, ui: ui(), ...live }).card).toBe("expiring");
    expect(computeView({ data: declined("soft"), now: access - 3 * D, ui: ui(), ...live }).card).toBeNull();
    expect(computeView({ data: declined("soft"), now: access - 3 * D, ui: ui(), ...live }).report?.state).toBe("expiring");
    for (const mode of ["soft", "read_only"] as const) {
      const view = computeView({ data: declined(mode), now: grace, ui: ui(), ...live });
      expect([mode, view.modal, view.card]).toEqual([mode, null, "locked"]);
    }
    expect(computeView({ data: declined("hard"), now: grace, ui: ui(), ...live }).modal).toBe("lock");
    expect(computeView({ data: declined("read_only"), now: grace, ui: ui(), ...live }).report?.readOnly).toBe(true);
  });

  it("shows the reason form in place of the lock modal while it is open", () => {
    expect(computeView({ data: data("hard"), now: grace, ui: ui({ panel: "decline" }), ...live }).modal).toBe("decline");
    expect(computeView({ data: data("hard"), now: grace, ui: ui({ panel: "renew" }), ...live }).modal).toBe("lock");
    expect(computeView({ data: data(), now: access - 3 * D, ui: ui({ panel: "decline" }), ...live }).modal).toBe("decline");
  });

  it("opens the seats panel only when there are seats to show", () => {
    expect(computeView({ data: data(), now: 0, ui: ui({ panel: "seats" }), ...live }).modal).toBe("seats");
    expect(computeView({ data: { ...data(), seats: null }, now: 0, ui: ui({ panel: "seats" }), ...live }).modal).toBeNull();
  });
});
