import { and, asc, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { plans } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { PlanPutBody } from "../../../shared/schemas/features.ts";
import { recordChange } from "../tenants/changes.ts";

export type PlanRow = typeof plans.$inferSelect;

/** Defines or replaces a plan. Every account on it sees the change on its next read. */
export async function putPlan(
  db: Db,
  input: { tenantId: string; planId: string; body: PlanPutBody; now: number },
): Promise<{ plan: PlanRow; created: boolean }> {
  const { tenantId, planId, body, now } = input;
  const existed = (await findPlan(db, tenantId, planId)) !== undefined;
  const [[plan]] = await recordChange(db, { tenantId }, [
    db
      .insert(plans)
      .values({ tenantId, id: planId, name: body.name, features: body.features, createdAt: now, updatedAt: now })
      .onConflictDoUpdate({ target: [plans.tenantId, plans.id], set: { name: body.name, features: body.features, updatedAt: now } })
      .returning(),
  ]);
  return { plan: plan!, created: !existed };
}

const reads = perDb((db) => ({
  one: db
    .select()
    .from(plans)
    .where(and(eq(plans.tenantId, sql.placeholder("tenantId")), eq(plans.id, sql.placeholder("planId"))))
    .limit(1)
    .prepare(),
}));

export async function findPlan(db: Db, tenantId: string, planId: string): Promise<PlanRow | undefined> {
  return reads(db).one.get({ tenantId, planId });
}

export async function getPlan(db: Db, tenantId: string, planId: string): Promise<PlanRow> {
  const plan = await findPlan(db, tenantId, planId);
  if (!plan) throw new TenureError("not_found", `no plan ${planId}; define it with PUT /v1/plans/${encodeURIComponent(planId)}`);
  return plan;
}

export async function listPlans(db: Db, tenantId: string): Promise<PlanRow[]> {
  return db.select().from(plans).where(eq(plans.tenantId, tenantId)).orderBy(asc(plans.id));
}

/** A contract may only name a plan that exists: the message says how to define it. */
export async function requireDefinedPlan(db: Db, tenantId: string, planId: string): Promise<void> {
  if (await findPlan(db, tenantId, planId)) return;
  throw new TenureError(
    "validation_failed",
    `invalid body: plan: "${planId}" is not a defined plan; define it first with PUT /v1/plans/${encodeURIComponent(planId)} {"name": "…", "features": {…}}, or leave plan out`,
    [{ path: "plan", message: "not a defined plan" }],
  );
}

export function planView(plan: PlanRow): Record<string, unknown> {
  return {
    id: plan.id,
    name: plan.name,
    features: plan.features,
    createdAt: new Date(plan.createdAt).toISOString(),
    updatedAt: new Date(plan.updatedAt).toISOString(),
  };
}
