import { DateTime } from "luxon";
import type { InAppNotice, ValueRecap } from "./wire.ts";

/**
 * The last minute of access, in the account's zone: access ending at local midnight is shown
 * as "23:59" of the day before — the whole last day is the customer's (seed 002).
 */
export function lastMinuteLocal(accessEndsAt: number, zone: string): string {
  return DateTime.fromMillis(accessEndsAt - 1, { zone }).toFormat("d LLL yyyy HH:mm", { locale: "en-GB" });
}

function recapSentence(recap: ValueRecap): string {
  const people = recap.activeUsers === 1 ? "1 person" : `${recap.activeUsers} people`;
  const parts = [`Since ${recap.since}, ${people} on your team used it`];
  if (recap.topFeatures.length > 0) parts.push(`most of all ${recap.topFeatures.map((f) => f.feature).join(", ")}`);
  return `${parts.join(", ")}.`;
}

/**
 * The in-app notice for a reminder milestone, personalised with the term's recap. On the
 * last day it is a care message that names the exact end of access, not a countdown.
 */
export function buildNotice(input: {
  days: number;
  now: number;
  dueAt: number;
  contractEndsAt: number;
  accessEndsAt: number;
  timezone: string;
  productName: string;
  recap: ValueRecap;
}): InAppNotice {
  const { days, timezone, productName, recap } = input;
  const accessEndsLocal = lastMinuteLocal(input.accessEndsAt, timezone);
  // Counted from now, not from the milestone: a notice read days after its milestone (or
  // one whose earlier milestones were skipped) must not overstate the time left.
  const daysLeft = Math.max(1, Math.ceil((input.contractEndsAt - input.now) / 86_400_000));
  // The 1-day milestone is due as the contract's last local day begins.
  const lastDay = days <= 1;
  const message = lastDay
    ? `Today is the last day of your ${productName} subscription: access ends at ${accessEndsLocal} (${timezone}). ` +
      `${recapSentence(recap)} Renew now and nothing changes for them.`
    : `Your ${productName} subscription runs until ${lastMinuteLocal(input.contractEndsAt, timezone)} (${timezone}): ${daysLeft === 1 ? "1 day" : `${daysLeft} days`} left. ${recapSentence(recap)}`;
  return {
    kind: lastDay ? "last_day" : "renewal_reminder",
    days,
    daysLeft,
    dueAt: input.dueAt,
    contractEndsAt: input.contractEndsAt,
    accessEndsAt: input.accessEndsAt,
    timezone,
    accessEndsLocal,
    message,
  };
}
