import { sqliteTable, text, integer, index, uniqueIndex } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Publishable (`pk_…`, public, reaches widget routes only) and secret (`sk_…`) keys.
 * Keys are found by the SHA-256 of the whole key; the key itself is never stored.
 */
export const apiKeys = sqliteTable(
  "api_keys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    kind: text("kind", { enum: ["publishable", "secret"] }).notNull(),
    hash: text("hash").notNull(),
    /** The first characters, enough to recognise a key in a listing. */
    hint: text("hint").notNull(),
    createdAt: integer("created_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [uniqueIndex("api_keys_hash_idx").on(t.hash), index("api_keys_tenant_idx").on(t.tenantId)],
);
