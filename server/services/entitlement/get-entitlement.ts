import { desc, eq, sql } from "drizzle-orm";
import { perDb } from "../../db/client.ts";
import type { Db } from "../../db/client.ts";
import { contractTerms, seatAssignments } from "../../db/schema/index.ts";
import type { FeatureGrant, PlanFeatures } from "../../../shared/features/plan.ts";
import { seatPolicyView } from "../../../shared/features/seats.ts";
import type { SeatPolicy } from "../../../shared/features/seats.ts";
import { featuresView, meterFeatures, resolveAccountFeatures } from "../features/account-features.ts";
import type { AccountFeatures } from "../features/account-features.ts";
import { TenureError } from "../../../shared/errors.ts";
import { bonusSeats, computeEntitlement } from "../../../shared/entitlement/compute.ts";
import type { Entitlement, EntitlementInput } from "../../../shared/entitlement/compute.ts";
import { isReadOnly, nextChangeAt, stateAt } from "../../../shared/entitlement/timeline.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import type { TermRow } from "../contracts/current-term.ts";
import type { GrantRow } from "../grants/create-grant.ts";
import { listGrants, toDomainGrant, toFeatureGrants } from "../grants/list-grants.ts";
import type { TenantSettings } from "../tenants/settings.ts";

export interface AccountEntitlement extends Entitlement {
  term: TermRow;
  /** Metered use is filled in by `withMeteredUse` (it reads rollups); until then metered features count 0. */
  features: AccountFeatures;
  seatPolicy: { policy: SeatPolicy; limit: number | null; overage: number };
}

/** What an entitlement is computed from, besides the account and its tenant's settings. */
export interface EntitlementSource {
  /** The current term, or undefined before any contract. */
  term: TermRow | undefined;
  ledger: GrantRow[];
  seatsUsed: number;
  /** The features of the term's plan; null without a plan. */
  planFeatures: PlanFeatures | null;
}

/**
 * The account's entitlement at `now`, from its current term, its ledger and its seats in use.
 * Always read fresh from the database: a write is visible on the very next read. (Hot reads
 * use the per-account copy in account-cache.ts, which is dropped by every write.)
 */
export async function getEntitlement(db: Db, input: { account: AccountRow; settings: TenantSettings; now: number }): Promise<AccountEntitlement> {
  return withMeteredUse(db, input.account, entitlementFrom(input.account, await readEntitlementSource(db, input.account.id), input.settings, input.now));
}

/**
 * Fills in metered features' use in their current period from the daily rollups. Not part
 * of the cached source (usage signals do not move account versions). With `keptAt` (the
 * hot reads' clock) the totals may come from usage-cache.ts; without it they are read fresh.
 */
export async function withMeteredUse(db: Db, account: AccountRow, entitlement: AccountEntitlement, keptAt?: number): Promise<AccountEntitlement> {
  if (entitlement.features.periods.size === 0) return entitlement;
  const features = await meterFeatures(db, {
    accountId: account.id,
    timezone: account.timezone,
    features: entitlement.features,
    ...(keptAt === undefined ? {} : { keptAt }),
  });
  return { ...entitlement, features };
}

/** Reads the term, its seat count and the ledger for one account, fresh. */
export async function readEntitlementSource(db: Db, accountId: string): Promise<EntitlementSource> {
  const [current, ledger] = await Promise.all([readsFor(db).termAndSeats.get({ accountId }), listGrants(db, accountId)]);
  const planFeatures = current?.planFeatures ? (JSON.parse(current.planFeatures) as PlanFeatures) : null;
  return { term: current?.term, ledger, seatsUsed: current?.seatsUsed ?? 0, planFeatures };
}

/** The entitlement at `now` from what was read (no database work); 404 before any contract. */
export function entitlementFrom(account: AccountRow, source: EntitlementSource, settings: TenantSettings, now: number): AccountEntitlement {
  const { term, seatsUsed, planFeatures } = source;
  if (!term) throw new TenureError("not_found", `account ${account.externalId} has no contract yet`);
  const prepared = preparedFor(account, term, source, settings);
  const entitlement = computeEntitlementMemo({ ...prepared.input, seatsUsed, now }, prepared.key);
  const features = resolveAccountFeatures({ timezone: account.timezone, term, plan: planFeatures, grants: prepared.featureGrants, now });
  const seatPolicy = seatPolicyView(term.seatPolicy ?? "allow", entitlement.seats, term.overageSeats);
  return { ...entitlement, term, features, seatPolicy };
}

/** What `entitlementFrom` derives from a source whatever the instant: built once per cached source. */
interface Prepared {
  timezone: string;
  settings: TenantSettings;
  input: Omit<EntitlementInput, "now" | "seatsUsed">;
  /** `input` as the memo's key. */
  key: string;
  featureGrants: FeatureGrant[];
}

const preparedSources = new WeakMap<EntitlementSource, Prepared>();

function preparedFor(account: AccountRow, term: TermRow, source: EntitlementSource, settings: TenantSettings): Prepared {
  const found = preparedSources.get(source);
  if (found && found.settings === settings && found.timezone === account.timezone) return found;
  const input = {
    timezone: account.timezone,
    contract: {
      startDate: term.startDate,
      endDate: term.endDate,
      seats: term.seats,
      graceHours: term.graceHours ?? settings.defaultGraceHours,
      lockMode: term.lockMode ?? settings.defaultLockMode,
    },
    grants: source.ledger.flatMap((row) => toDomainGrant(row, term.id)),
    reminderWindowDays: settings.reminderWindowDays,
  };
  const prepared = { timezone: account.timezone, settings, input, key: JSON.stringify(input), featureGrants: toFeatureGrants(source.ledger) };
  preparedSources.set(source, prepared);
  return prepared;
}

/**
 * The entitlement read runs on every widget load. Drizzle rebuilds a query's SQL on every
 * call, which cost more than running it, so these statements are built once per database
 * handle; the term and its seat count come back in one statement. Rows are still read on
 * every call — nothing here caches data.
 */
function prepareReads(db: Db) {
  const accountId = sql.placeholder("accountId");
  return {
    termAndSeats: db
      .select({
        term: contractTerms,
        seatsUsed:
          sql<number>`(select count(*) from ${seatAssignments} where ${seatAssignments.accountId} = ${accountId} and ${seatAssignments.releasedAt} is null)`.mapWith(
            Number,
          ),
        // The plan is read with the term (its tenant through the account), so a plan change reaches every account on it.
        planFeatures: sql<
          string | null
        >`(select p.features from plans p join accounts a on a.tenant_id = p.tenant_id where a.id = ${accountId} and p.id = contract_terms.plan)`,
      })
      .from(contractTerms)
      .where(eq(contractTerms.accountId, accountId))
      .orderBy(desc(contractTerms.seq))
      .limit(1)
      .prepare(),
  };
}

const readsFor = perDb(prepareReads);

type FixedPart = Omit<Entitlement, "state" | "nextChangeAt" | "seats">;
const MAX_MEMO_ENTRIES = 10_000;
const fixedParts = new Map<string, FixedPart>();

/**
 * `computeEntitlement`, with its zone arithmetic (luxon: the costliest step of a read)
 * remembered by its inputs. Only `now` and `seatsUsed` are left out of the key, so the
 * remembered instants are exact for any input that matches; what depends on them (state,
 * next change, seats) is derived again on every call with the same shared functions.
 */
export function computeEntitlementMemo(input: EntitlementInput, key?: string): Entitlement {
  const { now, seatsUsed, ...fixedInput } = input;
  key ??= JSON.stringify(fixedInput);
  const fixed = fixedParts.get(key);
  if (!fixed) {
    const computed = computeEntitlement(input);
    if (fixedParts.size >= MAX_MEMO_ENTRIES) fixedParts.clear();
    const { state: _state, nextChangeAt: _next, seats: _seats, ...rest } = computed;
    fixedParts.set(key, rest);
    return computed;
  }
  const bonus = bonusSeats(input.grants, now);
  const purchased = input.contract.seats;
  return {
    ...fixed,
    state: stateAt(fixed, now),
    nextChangeAt: nextChangeAt(fixed, now),
    seats: { purchased, bonus, licensed: purchased + bonus, used: seatsUsed },
  };
}

/** The wire form: instants as `toISOString()` strings. */
export function entitlementView(entitlement: AccountEntitlement, at: number): Record<string, unknown> {
  const iso = (ms: number): string => new Date(ms).toISOString();
  return {
    state: entitlement.state,
    at: iso(at),
    contractEndsAt: iso(entitlement.contractEndsAt),
    accessEndsAt: iso(entitlement.accessEndsAt),
    graceEndsAt: iso(entitlement.graceEndsAt),
    expiringFrom: iso(entitlement.expiringFrom),
    nextChangeAt: entitlement.nextChangeAt == null ? null : iso(entitlement.nextChangeAt),
    lockMode: entitlement.lockMode,
    readOnly: isReadOnly(entitlement.state, entitlement.lockMode),
    timezone: entitlement.timezone,
    seats: { ...entitlement.seats, ...entitlement.seatPolicy },
    features: featuresView(entitlement.features.answers),
    term: { id: entitlement.term.id, startDate: entitlement.term.startDate, endDate: entitlement.term.endDate, plan: entitlement.term.plan },
  };
}

const viewsWithoutAt = new WeakMap<AccountEntitlement, string>();

/**
 * `entitlementView` as JSON text. Everything but `at` is serialized once per answer (the hot
 * read serves a kept answer many times a second); `at` leads the object.
 */
export function entitlementJson(entitlement: AccountEntitlement, at: number): string {
  let rest = viewsWithoutAt.get(entitlement);
  if (rest === undefined) {
    const { at: _at, ...view } = entitlementView(entitlement, at);
    rest = JSON.stringify(view).slice(1);
    viewsWithoutAt.set(entitlement, rest);
  }
  return `{"at":"${new Date(at).toISOString()}",${rest}`;
}
