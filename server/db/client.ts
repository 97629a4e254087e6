import type { Client } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import type { LibSQLDatabase } from "drizzle-orm/libsql";
import * as schema from "./schema/index.ts";
import { migrations } from "./migrations.gen.ts";

export type Db = LibSQLDatabase<typeof schema>;

/** Wraps a libSQL client (file, remote, or web) in drizzle. The entry chooses the client. */
export function createDb(client: Client): Db {
  return drizzle(client, { schema });
}

/**
 * Applies every bundled migration not yet applied, each in its own write transaction.
 * Safe to call from several processes at once: the ledger insert decides who applies.
 */
export async function migrate(client: Client): Promise<void> {
  await client.execute("CREATE TABLE IF NOT EXISTS __tenure_migrations (tag TEXT PRIMARY KEY, applied_at INTEGER NOT NULL)");
  const applied = new Set((await client.execute("SELECT tag FROM __tenure_migrations")).rows.map((row) => String(row.tag)));
  for (const migration of migrations) {
    if (applied.has(migration.tag)) continue;
    const tx = await client.transaction("write");
    try {
      const claimed = await tx.execute({
        sql: "INSERT OR IGNORE INTO __tenure_migrations (tag, applied_at) VALUES (?, ?)",
        args: [migration.tag, Date.now()],
      });
      if (claimed.rowsAffected === 1) for (const statement of migration.statements) await tx.execute(statement);
      await tx.commit();
    } finally {
      tx.close();
    }
  }
}

/**
 * Builds something once per database handle (prepared statements above all: drizzle
 * rebuilds a query's SQL on every call, which costs more than running it on hot reads).
 * @example const reads = perDb((db) => ({ byId: db.select().from(t).where(eq(t.id, sql.placeholder("id"))).prepare() }));
 */
export function perDb<T>(build: (db: Db) => T): (db: Db) => T {
  const built = new WeakMap<Db, T>();
  return (db) => {
    let value = built.get(db);
    if (value === undefined) {
      value = build(db);
      built.set(db, value);
    }
    return value;
  };
}
