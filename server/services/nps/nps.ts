import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client.ts";
import { npsResponses } from "../../db/schema/index.ts";
import { TenureError } from "../../../shared/errors.ts";
import { plusCalendarDays } from "../../../shared/time/local-day.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { currentTerm } from "../contracts/current-term.ts";
import type { TermRow } from "../contracts/current-term.ts";
import { recordChange } from "../tenants/changes.ts";
import type { TenantSettings } from "../tenants/settings.ts";
import { recordEvents } from "../usage/record-events.ts";
import { widgetEventId } from "../usage/widget-event-id.ts";

export interface NpsStatus {
  /** Whether the widget should ask this user now. */
  ask: boolean;
  /** When the question opens this term (epoch ms), and when it closes (the contract end). */
  from: number | null;
  until: number | null;
}

/** When this term's NPS question opens: `daysBefore` calendar days before the contract end, in the account's zone. */
export function npsOpensAt(settings: TenantSettings, term: TermRow, zone: string): number | null {
  return settings.nps.enabled ? plusCalendarDays(term.contractEndsAt, -settings.nps.daysBefore, zone) : null;
}

/** Whether to ask: the vendor turned it on, the window is open, and this user has not answered or dismissed it this term. */
export async function npsStatus(db: Db, input: { account: AccountRow; settings: TenantSettings; userId: string; now: number }): Promise<NpsStatus> {
  const term = await currentTerm(db, input.account.id);
  const from = term ? npsOpensAt(input.settings, term, input.account.timezone) : null;
  if (!term || from === null) return { ask: false, from: null, until: null };
  const open = input.now >= from && input.now < term.contractEndsAt;
  const answered = open
    ? await db.query.npsResponses.findFirst({
        where: and(eq(npsResponses.accountId, input.account.id), eq(npsResponses.termId, term.id), eq(npsResponses.userId, input.userId)),
      })
    : undefined;
  return { ask: open && !answered, from, until: term.contractEndsAt };
}

/**
 * Records this user's answer (0–10 and a comment) or dismissal, once per term: the first
 * stands. A score is also a usage signal (`nps.answered`, one per user and term by its event
 * id), which is what the health scorecard's NPS measure counts.
 */
export async function answerNps(
  db: Db,
  input: { account: AccountRow; settings: TenantSettings; userId: string; score: number | null; comment: string | null; now: number },
): Promise<{ recorded: boolean }> {
  const { account, now } = input;
  const term = await currentTerm(db, account.id);
  const from = term ? npsOpensAt(input.settings, term, account.timezone) : null;
  if (!term || from === null || now < from || now >= term.contractEndsAt) {
    throw new TenureError("conflict", "the NPS question is not open for this account now");
  }
  const existing = await db.query.npsResponses.findFirst({
    where: and(eq(npsResponses.accountId, account.id), eq(npsResponses.termId, term.id), eq(npsResponses.userId, input.userId)),
  });
  if (existing) return { recorded: false };
  if (input.score !== null) {
    // The signal first (idempotent by its id): if the answer's row then fails, a retry adds no second signal.
    await recordEvents(db, {
      tenantId: account.tenantId,
      source: "widget",
      now,
      events: [
        {
          eventId: widgetEventId(account.externalId, input.userId, `nps:${term.id}`),
          account,
          userId: input.userId,
          name: "nps.answered",
          properties: { score: input.score, ...(input.comment ? { comment: input.comment } : {}), termId: term.id },
          timestamp: now,
        },
      ],
    });
  }
  const [inserted] = await recordChange(db, { tenantId: account.tenantId, accountId: account.id }, [
    db
      .insert(npsResponses)
      .values({ accountId: account.id, termId: term.id, userId: input.userId, score: input.score, comment: input.comment, createdAt: now })
      .onConflictDoNothing()
      .returning(),
  ]);
  return { recorded: inserted.length > 0 };
}
