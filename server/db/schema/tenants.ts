import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

/** A vendor using Tenure. `settings` is the vendor's JSON configuration (see services/tenants/settings.ts). */
export const tenants = sqliteTable("tenants", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** HMAC key for user tokens; kept recoverable because verification needs it. */
  identitySecret: text("identity_secret").notNull(),
  /**
   * The identity secret before the last rotation (sealed), still accepted for user tokens
   * until `previousIdentitySecretUntil`, so vendors can redeploy their token minting without a gap.
   */
  previousIdentitySecret: text("previous_identity_secret"),
  previousIdentitySecretUntil: integer("previous_identity_secret_until"),
  origins: text("origins", { mode: "json" }).$type<string[]>().notNull(),
  settings: text("settings", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
  /** When the vendor last changed the reminder timeline: milestones that fell before it are never sent late. */
  remindersChangedAt: integer("reminders_changed_at"),
  createdAt: integer("created_at").notNull(),
});
