import { sqliteTable, text, integer, primaryKey, index } from "drizzle-orm/sqlite-core";
import { accounts } from "./accounts.ts";
import { tenants } from "./tenants.ts";

/**
 * Raw usage signals. The primary key (tenant, event id) makes ingestion idempotent: a resent
 * event is ignored by the database, never by a read-then-write. `day` is the account's local
 * date; `feature`, `module` and `score` are lifted out of `properties` so rollups need no JSON.
 * `ingestId` marks the rows one ingestion wrote, so its rollups count only those.
 * Reads go to `usage_daily` and `usage_counters`, never here. Rows are purged after the
 * tenant's `usageEventRetentionDays` (services/usage/purge-events.ts); the rollups stay.
 */
export const usageEvents = sqliteTable(
  "usage_events",
  {
    tenantId: text("tenant_id")
      .notNull()
      .references(() => tenants.id),
    eventId: text("event_id").notNull(),
    accountId: text("account_id")
      .notNull()
      .references(() => accounts.id),
    /** The vendor's user id, when the event has one. */
    userId: text("user_id"),
    name: text("name").notNull(),
    feature: text("feature"),
    module: text("module"),
    score: integer("score"),
    properties: text("properties"),
    occurredAt: integer("occurred_at").notNull(),
    day: text("day").notNull(),
    source: text("source", { enum: ["server", "widget"] }).notNull(),
    ingestId: text("ingest_id").notNull(),
    receivedAt: integer("received_at").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.tenantId, t.eventId] }),
    // The retention purge's range; appended in time order within a tenant, so cheap to keep.
    index("usage_events_received_idx").on(t.tenantId, t.receivedAt),
  ],
);
