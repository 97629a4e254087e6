import { describe, expect, it } from "vitest";
import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import { renewalOutcome } from "./renewal-sync.ts";

const END = Date.parse("2026-12-31T16:00:00Z");

function answer(pending: string | null, contractEndsAt = END): BootstrapResponse {
  return {
    etag: '"x"',
    serverNow: 0,
    locale: null,
    account: { id: "a", name: "A", timezone: "Asia/Shanghai" },
    user: { id: "u", role: "admin", name: null },
    entitlement: {
      state: "locked",
      lockMode: "hard",
      readOnly: false,
      contractEndsAt,
      expiringFrom: 0,
      accessEndsAt: contractEndsAt,
      graceEndsAt: contractEndsAt,
      nextChangeAt: null,
      holdUntil: null,
    },
    seats: null,
    renewal: { url: null, canRenew: true, pending: pending ? { id: pending, status: "pending", startedAt: 0 } : null },
    branding: { productName: "P", accentColor: "#000000", supportEmail: null },
    preferences: { bannerDismissedUntil: null, modalSnoozedUntil: null },
  };
}

describe("following a pending renewal", () => {
  it("calls a renewal completed when it is gone and the contract moved on", () => {
    expect(renewalOutcome(answer("ren_1"), answer(null, END + 365 * 86_400_000))).toBe("completed");
  });

  it("calls it ended when it is gone but the contract did not move", () => {
    expect(renewalOutcome(answer("ren_1"), answer(null))).toBe("ended");
  });

  it("says nothing while it is still pending, or when nothing was pending", () => {
    expect(renewalOutcome(answer("ren_1"), answer("ren_1"))).toBeNull();
    expect(renewalOutcome(answer(null), answer(null, END + 1))).toBeNull();
    expect(renewalOutcome(null, answer(null))).toBeNull();
  });
});
