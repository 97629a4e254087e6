import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { tenants } from "./tenants.ts";

/**
 * Per-tenant Ed25519 keys for entitlement tokens. `id` is the JWS `kid`. The private key is
 * stored sealed (services/signing/key-box.ts), never in the clear. A rotated key stops
 * signing at `retiredAt` and stays in the JWKS until `publishUntil`, when its last token expires.
 */
export const signingKeys = sqliteTable(
  "signing_keys",
  {
    id: text("id").primaryKey(),
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    publicJwk: text("public_jwk", { mode: "json" }).$type<Record<string, string>>().notNull(),
    privateSealed: text("private_sealed").notNull(),
    createdAt: integer("created_at").notNull(),
    retiredAt: integer("retired_at"),
    publishUntil: integer("publish_until"),
  },
  (t) => [index("signing_keys_tenant_idx").on(t.tenantId, t.createdAt)],
);
