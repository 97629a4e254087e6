/**
 * Node only: remembers prepared statements per SQLite connection.
 *
 * `@libsql/client` prepares every statement again on every call for local files (and asks
 * for its columns twice): on the hot reads and on ingestion that cost more than running the
 * statements. Drizzle's `.prepare()` builds the SQL once but cannot keep the SQLite
 * statement. This wraps the `libsql` driver the client uses so each connection keeps its
 * statements, the way better-sqlite3 users keep theirs. A statement is reset on every run,
 * so reusing it is safe; DDL (migrations) drops the connection's statements, so none
 * outlives a schema change with stale columns.
 */
import Database from "libsql";

const MAX_PER_CONNECTION = 500;
const DDL = /^\s*(create|alter|drop)\b/i;

interface StatementLike {
  columns(): unknown[];
}

let installed = false;

export function cachePreparedStatements(): void {
  if (installed) return;
  installed = true;
  const proto = Database.prototype as unknown as { prepare(sql: string): StatementLike };
  const prepare = proto.prepare;
  const caches = new WeakMap<object, Map<string, StatementLike>>();
  proto.prepare = function cachedPrepare(this: object, sql: string): StatementLike {
    let cache = caches.get(this);
    if (!cache) caches.set(this, (cache = new Map()));
    if (DDL.test(sql)) {
      cache.clear();
      return prepare.call(this, sql);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = prepare.call(this, sql);
      const columns = statement.columns.bind(statement);
      let known: unknown[] | undefined;
      // Columns are fixed for a statement until the schema changes (which drops it, above).
      statement.columns = () => (known ??= columns());
      if (cache.size >= MAX_PER_CONNECTION) cache.clear();
      cache.set(sql, statement);
    }
    return statement;
  };
}
