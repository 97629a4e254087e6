import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * One row per tenant (tenant-wide changes: settings, checklists, keys) and one per account
 * (its contract, grants, renewals, progress), bumped in the same batch or transaction as the
 * write it announces (services/tenants/changes.ts). `seq` is one counter across the table,
 * taken under the write lock, so "everything changed since seq N" is one range read on an
 * index; other processes and Worker isolates learn of writes from it.
 */
export const changeVersions = sqliteTable(
  "change_versions",
  {
    /** A tenant id (`ten_…`) for tenant-wide changes, an account id (`acct_…`) for one account's. */
    key: text("key").primaryKey(),
    tenantId: text("tenant_id").notNull(),
    version: integer("version").notNull(),
    seq: integer("seq").notNull(),
    /** Which database handle (process, isolate) wrote the latest bump; its own watcher skips it. */
    origin: text("origin").notNull(),
  },
  (t) => [index("change_versions_seq_idx").on(t.seq), index("change_versions_tenant_seq_idx").on(t.tenantId, t.seq)],
);
