import type { Db } from "../../db/client.ts";
import type { CheckAnswer } from "../../../shared/features/plan.ts";
import { checkFeature } from "../../../shared/features/resolve.ts";
import { readEntitlement } from "../entitlement/account-cache.ts";
import type { TenantSettings } from "../tenants/settings.ts";

/** `POST …/check`: may the account use `quantity` of a feature at `at`? */
export async function checkAccountFeature(
  db: Db,
  input: { tenantId: string; externalId: string; settings: TenantSettings; feature: string; quantity: number; now: number; at: number },
): Promise<CheckAnswer> {
  const { entitlement } = await readEntitlement(db, input);
  const { resolved, usage } = entitlement.features;
  return checkFeature({ feature: resolved[input.feature], usage: usage.get(input.feature), quantity: input.quantity, locked: entitlement.state === "locked" });
}

export function checkView(answer: CheckAnswer): Record<string, unknown> {
  const { resetsAt, ...rest } = answer;
  return resetsAt === undefined ? rest : { ...rest, resetsAt: new Date(resetsAt).toISOString() };
}
