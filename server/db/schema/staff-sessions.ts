import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";
import { staffMembers } from "./staff-members.ts";

/**
 * Console sessions. `id` is the SHA-256 of the cookie's token (a stolen table holds no usable
 * cookie). A session ends at `expiresAt` (absolute) or after the idle timeout past `lastSeenAt`.
 * `csrfToken` is sent back on every write in a header the browser never sends by itself.
 */
export const staffSessions = sqliteTable(
  "staff_sessions",
  {
    id: text("id").primaryKey(),
    staffId: text("staff_id")
      .notNull()
      .references(() => staffMembers.id),
    tenantId: text("tenant_id").notNull(),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    expiresAt: integer("expires_at").notNull(),
  },
  (t) => [index("staff_sessions_staff_idx").on(t.staffId)],
);
