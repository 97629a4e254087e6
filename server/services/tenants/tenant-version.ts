import type { Db } from "../../db/client.ts";

/**
 * A per-process version for each tenant's data, bumped by every write made through this
 * process. In-memory copies (the key cache, widget snapshots) remember the version they were
 * read at and are dropped when it moves, so a write is seen by the very next read here.
 * Writes by other processes reach readers when those copies expire.
 */
interface Versions {
  tenants: Map<string, number>;
  epoch: number;
}

const versions = new WeakMap<Db, Versions>();

function versionsFor(db: Db): Versions {
  let found = versions.get(db);
  if (!found) {
    found = { tenants: new Map(), epoch: 0 };
    versions.set(db, found);
  }
  return found;
}

/** The version to remember; read it BEFORE reading the data it versions. */
export function tenantVersion(db: Db, tenantId: string): string {
  const found = versionsFor(db);
  return `${found.epoch}:${found.tenants.get(tenantId) ?? 0}`;
}

export function touchTenant(db: Db, tenantId: string): void {
  const { tenants } = versionsFor(db);
  tenants.set(tenantId, (tenants.get(tenantId) ?? 0) + 1);
}

/** For changes not made on behalf of one tenant (the scheduler's). */
export function touchAllTenants(db: Db): void {
  versionsFor(db).epoch++;
}
