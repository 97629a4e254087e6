import { describe, expect, it } from "vitest";
import { STAFF_ROLES, can } from "./roles.ts";

describe("staff roles", () => {
  it("lets every role read and only owners manage staff and settings", () => {
    for (const role of STAFF_ROLES) expect(can(role, "read")).toBe(true);
    expect(STAFF_ROLES.filter((role) => can(role, "staff"))).toEqual(["owner"]);
    expect(STAFF_ROLES.filter((role) => can(role, "settings"))).toEqual(["owner"]);
  });

  it("gives gifts and notes to CSMs, invoices to finance, nothing to write to viewers", () => {
    expect(STAFF_ROLES.filter((role) => can(role, "gift"))).toEqual(["csm", "owner"]);
    expect(STAFF_ROLES.filter((role) => can(role, "invoice.confirm"))).toEqual(["finance", "owner"]);
    expect(can("viewer", "note")).toBe(false);
  });
});
