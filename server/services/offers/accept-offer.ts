import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { offers } from "../../db/schema/index.ts";
import { newId } from "../../lib/ids.ts";
import { TenureError } from "../../../shared/errors.ts";
import type { OfferView } from "../../../shared/offers/wire.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { getEntitlement } from "../entitlement/get-entitlement.ts";
import { recordChange } from "../tenants/changes.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { webhookInsertWhen } from "../webhooks/enqueue.ts";
import { offerFacts } from "./offer-facts.ts";
import { offerConfig, offerView } from "./show-offer.ts";

/**
 * Accepts a shown offer, once. An extension or an upgrade trial goes into the grants ledger
 * now (time that never moves `contractEndsAt`; a feature until its trial ends); a discount,
 * bonus seats and "12 + 1" shape the renewal of this term (start-renewal, complete-renewal).
 * The acceptance, its ledger row and `offer.accepted` commit together, each conditioned on
 * this attempt having claimed the offer.
 */
export async function acceptOffer(
  db: Db,
  input: { account: AccountRow; settings: TenantSettings; offerId: string; userId: string; now: number },
): Promise<OfferView> {
  const { account, settings, now } = input;
  const row = await db.query.offers.findFirst({ where: and(eq(offers.id, input.offerId), eq(offers.accountId, account.id)) });
  if (!row) throw new TenureError("not_found", `no offer ${input.offerId} for this account`);
  const entitlement = await getEntitlement(db, { account, settings, now });
  const term = entitlement.term;
  const config = offerConfig(row);
  const facts = offerFacts({ offer: config, account, term, accessEndsAt: entitlement.accessEndsAt, now, labels: settings.eventLabels });
  if (row.status === "accepted") return offerView(row, facts);
  if (row.status === "declined") throw new TenureError("conflict", "this offer was declined");
  if (term.id !== row.termId) throw new TenureError("conflict", "the contract was renewed meanwhile; this offer no longer applies");
  if (now >= term.contractEndsAt) throw new TenureError("conflict", "the contract has ended; this offer no longer applies");

  const grantId = config.kind === "extension" || config.kind === "upgrade_trial" ? newId("grt") : null;
  const claimedBy = grantId ?? newId("acc");
  const won = sql`EXISTS (SELECT 1 FROM offers WHERE id = ${row.id} AND status = 'accepted' AND grant_id = ${claimedBy})`;
  const reason = `offer ${row.id} accepted (${config.kind}) after the decline reason ${row.reason}`;
  const createdBy = `usr:${input.userId}`;
  const iso = (ms: number | null): string | null => (ms == null ? null : new Date(ms).toISOString());
  const items = [
    db
      .update(offers)
      .set({ status: "accepted", decidedBy: input.userId, decidedAt: now, grantId: claimedBy })
      .where(and(eq(offers.id, row.id), eq(offers.status, "shown"))),
  ];
  const more = [];
  if (grantId && config.kind === "extension") {
    more.push(
      db.run(sql`INSERT INTO grants (id, account_id, term_id, type, days, reason, created_by, created_at)
        SELECT ${grantId}, ${account.id}, ${term.id}, 'time', ${config.days}, ${reason}, ${createdBy}, ${now} WHERE ${won}`),
      grantEvent(db, { account, now, won, grant: { id: grantId, type: "time", days: config.days, reason, createdBy, createdAt: iso(now), voidedAt: null } }),
    );
  }
  if (grantId && config.kind === "upgrade_trial") {
    more.push(
      db.run(sql`INSERT INTO grants (id, account_id, term_id, type, feature, enabled, expires_at, reason, created_by, created_at)
        SELECT ${grantId}, ${account.id}, ${term.id}, 'feature', ${config.feature}, 1, ${facts.until!}, ${reason}, ${createdBy}, ${now} WHERE ${won}`),
      grantEvent(db, {
        account,
        now,
        won,
        grant: {
          id: grantId,
          type: "feature",
          feature: config.feature,
          enabled: true,
          expiresAt: iso(facts.until!),
          reason,
          createdBy,
          createdAt: iso(now),
          voidedAt: null,
        },
      }),
    );
  }
  more.push(
    webhookInsertWhen(
      db,
      {
        tenantId: account.tenantId,
        type: "offer.accepted",
        data: {
          accountId: account.externalId,
          offerId: row.id,
          termId: term.id,
          kind: config.kind,
          offer: config,
          reason: row.reason,
          userId: input.userId,
          grantId,
          facts: wireFacts(facts),
        },
        dedupeKey: `offer.accepted:${row.id}`,
        now,
      },
      won,
    ),
  );
  await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [...items, ...more]);
  const after = (await db.query.offers.findFirst({ where: eq(offers.id, row.id) }))!;
  if (after.status !== "accepted") throw new TenureError("conflict", "this offer was declined");
  return offerView(after, facts);
}

function grantEvent(db: Db, input: { account: AccountRow; now: number; won: ReturnType<typeof sql>; grant: Record<string, unknown> }) {
  return webhookInsertWhen(
    db,
    {
      tenantId: input.account.tenantId,
      type: "grant.created",
      data: { accountId: input.account.externalId, grant: input.grant },
      dedupeKey: `grant:${String(input.grant.id)}`,
      now: input.now,
    },
    input.won,
  );
}

/** Facts with ISO instants, for webhooks and the server API. */
export function wireFacts(facts: OfferView["facts"]): Record<string, unknown> {
  const iso = (ms: number | null | undefined): string | null | undefined => (ms == null ? ms : new Date(ms).toISOString());
  return {
    ...facts,
    contractEndsAt: iso(facts.contractEndsAt),
    accessEndsAt: iso(facts.accessEndsAt),
    ...(facts.accessEndsAtAfter !== undefined ? { accessEndsAtAfter: iso(facts.accessEndsAtAfter) } : {}),
    ...(facts.until !== undefined ? { until: iso(facts.until) } : {}),
    nextTerm: facts.nextTerm ? { ...facts.nextTerm, startsAt: iso(facts.nextTerm.startsAt), endsAt: iso(facts.nextTerm.endsAt) } : null,
  };
}
