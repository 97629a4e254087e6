import type { Db } from "./db/client.ts";
import type { ResolvedKey, TenantContext } from "./services/tenants/resolve-key.ts";

/** What an entry wires into the app: the database, the clock, and how to serve widget files. */
export interface AppDeps {
  db: Db;
  /** Milliseconds since the epoch; tests pass a fixed or moving clock. */
  clock: () => number;
  /** Serves built widget files (`widget.js`, `app.js`), or null when absent. */
  assets?: (file: string) => Promise<Response | null>;
  /** Overrides the default key lookup (with its short cache). */
  resolveKey?: (key: string) => Promise<ResolvedKey | null>;
}

export interface AppEnv {
  Variables: {
    requestId: string;
    deps: AppDeps;
    resolveKey: (key: string) => Promise<ResolvedKey | null>;
    tenant: TenantContext;
    keyId: string;
  };
}
