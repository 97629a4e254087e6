import { isBlocked, isReadOnly, nextChangeAt, stateAt } from "../../shared/entitlement/timeline.ts";
import type { EntitlementState, LockMode, Timeline } from "../../shared/entitlement/timeline.ts";
import type { BootstrapResponse } from "../../shared/wire/bootstrap.ts";
import { untilNextTick } from "./duration.ts";
import { startOfLocalDay } from "./local-time.ts";
import { toneAt } from "./tone.ts";
import type { Tone } from "./tone.ts";

/** What the user did in this page: in memory, except the banner dismissal (also saved on the server). */
export interface UiState {
  softClosedUntil: number | null;
  readOnlyAcknowledged: boolean;
  panel: "renew" | "seats" | "decline" | null;
  /** A renewal is being started: the renew buttons wait. */
  starting: boolean;
  /** The checklist is open (expanded). */
  checklist: boolean;
}

export interface ViewInput {
  data: BootstrapResponse;
  now: number;
  /** False when the data is a last-known copy because Tenure could not be reached. */
  live: boolean;
  /** For last-known data: the instant it stops being trustworthy (its state's next change). */
  staleFrom: number | null;
  ui: UiState;
}

export type Card = "expiring" | "grace" | "locked";
export type Modal = "lock" | "renew" | "seats" | "decline";

export interface View {
  /** What the host is told; null when the widget must stay silent (fail open). */
  /** `seat: false` only when the seat policy left this user without a seat. */
  report: { state: EntitlementState; lockMode: LockMode; readOnly: boolean; blocked: boolean; seat?: false } | null;
  card: Card | null;
  modal: Modal | null;
  tone: Tone;
  /** The instant the countdown counts to, when one shows. */
  countdownTo: number | null;
  /** When the display next changes on its own: re-render then, no polling in between. */
  nextWake: number | null;
}

/** How long a closed soft-lock modal stays away if the user does not navigate. */
export const SOFT_LOCK_SNOOZE_MS = 10 * 60_000;

export function timelineOf(data: BootstrapResponse): Timeline {
  const { expiringFrom, accessEndsAt, graceEndsAt } = data.entitlement;
  return { expiringFrom, accessEndsAt, graceEndsAt };
}

/** Pure: what to show at `now`. The state comes from the timeline, not from the server's `state`. */
export function computeView(input: ViewInput): View {
  const { data, now, live, staleFrom, ui } = input;
  const timeline = timelineOf(data);
  const state = stateAt(timeline, now);
  const lockMode = data.entitlement.lockMode;
  const wakes: Array<number | null> = [nextChangeAt(timeline, now)];
  const silent: View = { report: null, card: null, modal: null, tone: "calm", countdownTo: null, nextWake: null };
  // Fail open: a last-known copy may inform, never lock, and only until its state would change.
  if (!live && (state === "locked" || (staleFrom !== null && now >= staleFrom))) return silent;
  if (!live) wakes.push(staleFrom);

  const dismissedUntil = data.preferences.bannerDismissedUntil;
  // "Don't renew" was answered this term: no more reminders, and a soft or read-only lock
  // stays a strip with the renew action instead of a modal that keeps coming back.
  const declined = !!data.renewal.declined;
  const lastDayFrom = startOfLocalDay(timeline.accessEndsAt - 1, data.account.timezone);
  const { tone, next } = toneAt(timeline.accessEndsAt, lastDayFrom, now);
  let card: Card | null = null;
  let modal: Modal | null = null;
  let countdownTo: number | null = null;

  if (state === "expiring") {
    wakes.push(next);
    if (dismissedUntil !== null && dismissedUntil > now) wakes.push(dismissedUntil);
    else if (!declined || data.renewal.pending) card = "expiring";
    countdownTo = timeline.accessEndsAt;
  } else if (state === "grace") {
    card = "grace";
    countdownTo = timeline.graceEndsAt;
  } else if (state === "locked") {
    const softClosed = lockMode === "soft" && ui.softClosedUntil !== null && ui.softClosedUntil > now;
    const acknowledged = (lockMode === "read_only" && ui.readOnlyAcknowledged) || (declined && lockMode !== "hard");
    if (softClosed) wakes.push(ui.softClosedUntil);
    if (softClosed || acknowledged) card = "locked";
    else modal = "lock";
  }
  // The reason form stands in for the lock modal while it is open (a hard lock returns after).
  if (ui.panel === "decline") modal = "decline";
  if (modal === null && ui.panel === "renew") modal = "renew";
  if (modal === null && ui.panel === "seats" && data.seats) modal = "seats";
  if (card !== null && countdownTo !== null) wakes.push(now + untilNextTick(countdownTo - now));

  const report: View["report"] = { state, lockMode, readOnly: isReadOnly(state, lockMode), blocked: isBlocked(state, lockMode) };
  if (data.user.seated === false) report.seat = false;
  return { report, card, modal, tone, countdownTo: card ? countdownTo : null, nextWake: earliest(wakes, now) };
}

function earliest(instants: ReadonlyArray<number | null>, now: number): number | null {
  let best: number | null = null;
  for (const at of instants) if (at !== null && at > now && (best === null || at < best)) best = at;
  return best;
}
