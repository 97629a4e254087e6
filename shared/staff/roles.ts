/** Vendor staff roles, from least to most. */
export const STAFF_ROLES = ["viewer", "csm", "finance", "owner"] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

/** What a console call may do. Reading accounts, renewals, metrics and webhooks is every role's. */
export type Permission =
  | "read"
  | "gift" // seats or time, and revoking them
  | "note"
  | "owner.set"
  | "decline.follow_up"
  | "invoice.confirm"
  | "webhook.replay"
  | "settings"
  | "staff"
  | "audit.read";

const GRANTS: Record<StaffRole, readonly Permission[]> = {
  viewer: ["read"],
  csm: ["read", "gift", "note", "owner.set", "decline.follow_up"],
  finance: ["read", "invoice.confirm"],
  owner: ["read", "gift", "note", "owner.set", "decline.follow_up", "invoice.confirm", "webhook.replay", "settings", "staff", "audit.read"],
};

export function can(role: StaffRole, permission: Permission): boolean {
  return GRANTS[role].includes(permission);
}

export function permissionsOf(role: StaffRole): readonly Permission[] {
  return GRANTS[role];
}
