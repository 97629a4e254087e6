import type { Db } from "../../db/client.ts";
import { newId } from "../../lib/ids.ts";
import type { AccountRow } from "../accounts/find-account.ts";
import { evaluateChecklists } from "../checklists/evaluate.ts";
import type { CompletedStep } from "../checklists/evaluate.ts";
import { checkDefaultFirstValue } from "../checklists/first-value.ts";
import { listChecklists } from "../checklists/list-checklists.ts";
import { ingestEvents } from "./ingest-events.ts";
import { prepareEvents } from "./prepare-events.ts";
import type { IncomingEvent } from "./prepare-events.ts";

export interface RecordResult {
  accepted: number;
  duplicates: number;
  completedSteps: CompletedStep[];
}

/**
 * Ingestion for both entries: store the batch once (idempotent by event id), then judge the
 * checklists of the accounts that received new events. Judging happens after the write
 * commits; if it fails, the scheduler's first-value watch and the next read judge again.
 */
export async function recordEvents(
  db: Db,
  input: { tenantId: string; source: "server" | "widget"; events: readonly IncomingEvent[]; now: number },
): Promise<RecordResult> {
  const { tenantId, source, events, now } = input;
  const rows = prepareEvents({ tenantId, ingestId: newId("ing"), source, events, now });
  // The properties as stored: an empty object is none.
  const properties = events.map((event) => (event.properties && Object.keys(event.properties).length > 0 ? event.properties : null));
  const result = await ingestEvents(db, rows, properties);
  const accounts = new Map<string, AccountRow>(events.map((event) => [event.account.id, event.account]));
  const completedSteps: CompletedStep[] = [];
  const latest = result.accepted > 0 ? await listChecklists(db, tenantId) : [];
  for (const [accountId, account] of accounts) {
    const fresh = result.fresh.filter((event) => event.accountId === accountId);
    if (fresh.length === 0) continue;
    // Seat-share rules and the default first value can only change when a user-day is new.
    const judgeSeats = result.newActiveUserDays.has(accountId);
    if (latest.length === 0) {
      if (judgeSeats) await checkDefaultFirstValue(db, { account, checklists: [], now });
      continue;
    }
    const users = [...new Set(fresh.flatMap((event) => (event.userId ? [event.userId] : [])))];
    const { completed } = await evaluateChecklists(db, { account, users, events: fresh, now, latest, judgeSeats });
    completedSteps.push(...completed);
  }
  return { accepted: result.accepted, duplicates: result.duplicates, completedSteps };
}
