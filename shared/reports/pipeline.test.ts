import { describe, expect, it } from "vitest";
import { renewalStatus } from "./pipeline.ts";

const now = Date.parse("2026-12-01T00:00:00Z");
const term = { contractEndsAt: now + 1, hasSuccessor: false, pendingRenewal: false, declined: false };

describe("renewal status", () => {
  it("is upcoming before the end and lapsed from the exact end on", () => {
    expect(renewalStatus(term, now)).toBe("upcoming");
    expect(renewalStatus(term, now + 1)).toBe("lapsed");
  });

  it("ranks renewed over pending over declined", () => {
    expect(renewalStatus({ ...term, hasSuccessor: true, pendingRenewal: true }, now)).toBe("renewed");
    expect(renewalStatus({ ...term, pendingRenewal: true, declined: true }, now)).toBe("pending");
    expect(renewalStatus({ ...term, declined: true }, now + 5)).toBe("declined");
  });
});
